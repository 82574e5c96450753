// wrangler (and the vitest plugin) load `*.txt` imports as Text modules: the file's contents.
declare module "*.txt" {
  const text: string;
  export default text;
}
