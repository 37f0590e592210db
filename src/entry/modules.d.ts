/** Text modules bundled by wrangler (see `rules` in wrangler.toml). */
declare module "*.conf" {
  const text: string;
  export default text;
}
