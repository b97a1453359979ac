// silabea (CommonJS) ships no type declarations; this is the one function we call.
declare module "silabea" {
  const silabea: { getSilabas(word: string): { numeroSilaba: number } };
  export default silabea;
}
