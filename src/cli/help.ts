import { NEW_CLINIC_DEFAULTS } from "../create-clinic-file.ts";

// What `handouts --help` and `handouts <command> --help` print: one summary line and one page per command.

const SELECT_HELP = `  --clinic <slug>      Only this clinic (repeat for several)
  --handout <id>       Only this handout (repeat for several)
  --lang <code>        Only this language (repeat for several)`;

const REVIEW_HELP = `  --allow-overdue      Go on when a section is past its review date (each is named as a warning)
  --as-of <date>       Check review dates as of this day, YYYY-MM-DD (default: today)`;

export const HELP = {
  build: {
    summary: "Check the clinic files, build the site and print every handout as a PDF.",
    usage: `Usage: handouts build [options]

Check the clinic files, build the site and print every handout as a PDF. The output folder is replaced
only when the build succeeds; report.html in it shows every handout.

Options:
  --data <dir>         Folder with clinics/ and logos (default: data)
  --out <dir>          Output folder: new, empty, or an earlier output of this tool (default: _site)
${SELECT_HELP}
  --concurrency <n>    Handouts printed at once (default: number of cores)
  --max-grade <n>      Highest reading grade (Flesch-Kincaid) an English handout may have (default: 8)
${REVIEW_HELP}
  --no-cache           Print every handout, ignoring PDFs kept from earlier builds
  --cache-dir <dir>    Where PDFs are kept between builds (default: .cache/clinic-handouts)
  --shard <i/n>        Print only shard i of n (for n machines); each writes manifest.part-<i>-of-<n>.json
  --browser-ws <url>   Print on an already running Chrome (DevTools WebSocket URL); repeat for several
  --serve-host <addr>  Address to serve the site on for --browser-ws browsers (default: 127.0.0.1)
  --keep-going         Publish the output even when some handouts failed (each is still reported)
  --debug              Show stack traces

Exit status: 0 all printed, 1 some handouts failed, 2 invalid input or usage.
Example: handouts build --clinic riverside-pain --lang es`,
  },
  check: {
    summary: "Check the clinic files and render every page, without printing: fast, no browser.",
    usage: `Usage: handouts check [options]

Check every clinic file and the handout library, render every page in memory, and report per handout
its reading grade and any brand colour that had to be darkened. Writes nothing and starts no browser.

Options:
  --data <dir>         Folder with clinics/ and logos (default: data)
${SELECT_HELP}
  --max-grade <n>      Highest reading grade (Flesch-Kincaid) an English handout may have (default: 8)
${REVIEW_HELP}

Exit status: 0 ready to build, 2 something must be fixed first (such as a section past its review date).`,
  },
  new: {
    summary: "Create data/clinics/<slug>.json for a new clinic, ready to edit.",
    usage: `Usage: handouts new <slug> [options]

Write <data>/clinics/<slug>.json from a commented template, with the clinic's name, phone, colour and
paper filled in. What the options do not give it asks for on a terminal (checking each answer), or reads
from standard input, one answer per line in that order (for scripts). An existing file is never overwritten. <slug> is the clinic's short name in web addresses:
lowercase letters, digits and dashes, like lakeside-pain.

Options:
  --data <dir>         Folder with clinics/ (default: data)
  --name <text>        The clinic's name as patients know it
  --phone <number>     The number patients call, like "(555) 010-2000"
  --colour <hex>       Brand colour, like #1A5D8F (default: ${NEW_CLINIC_DEFAULTS.colour})
  --paper <size>       Letter or A4 (default: ${NEW_CLINIC_DEFAULTS.paper})

Example: handouts new lakeside-pain --name "Lakeside Pain Clinic" --phone "(555) 010-2000"`,
  },
  "new-handout": {
    summary: "Start a handout of a clinic's own: data/content/<clinic>/, ready to edit.",
    usage: `Usage: handouts new-handout <clinic> <id> [options]

Write a commented starting handout, <data>/content/<clinic>/handouts/<id>.json, and its first section,
<data>/content/<clinic>/en/sections/<id>.md. The clinic publishes it once <id> is in its "handouts".
Existing files are never overwritten. <id> is the handout's short name in web addresses: lowercase
letters, digits and dashes, not the id of a library handout.

Options:
  --data <dir>         Folder with clinics/ and content/ (default: data)

Example: handouts new-handout lakeside-pain parking-and-arrival`,
  },
  dev: {
    summary: "Preview the site on localhost; it re-renders and re-prints as you save.",
    usage: `Usage: handouts dev [options]

Serve a preview of the site on http://localhost with live reload. Every save of a clinic file, logo,
section or template re-renders the pages and reloads the browser, then re-prints in the background only
the PDFs that changed. Stop it with Ctrl-C. The preview lives in .cache/dev/, not in your output folder.

Options:
  --data <dir>         Folder with clinics/ and logos (default: data)
  --port <n>           Port to serve on (default: 8080, or the next free one)
${SELECT_HELP}`,
  },
  merge: {
    summary: "Combine the manifest parts of sharded builds copied into one output folder.",
    usage: `Usage: handouts merge --out <dir>

Combine the manifest parts (manifest.part-<i>-of-<n>.json) of sharded builds, copied together into one
folder, into its manifest.json, after checking that every part is there and every PDF is as printed.

Options:
  --out <dir>          The folder the shards were copied into (default: _site)`,
  },
} as const;

export type CommandName = keyof typeof HELP;

export const USAGE = `Usage: handouts <command> [options]

Commands:
${Object.entries(HELP)
  .map(([name, command]) => `  ${name.padEnd(12)}${command.summary}`)
  .join("\n")}

Run handouts <command> --help for a command's options.
Start with: handouts new <slug>, then handouts dev to preview, then handouts build.`;
