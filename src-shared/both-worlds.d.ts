// The few globals src-shared uses that both worlds have: the window (lib.dom) and Node
// (@types/node). tsconfig.shared.json checks src-shared with neither, so a Node-only or
// window-only API fails to compile; these declare just the parts shared code calls.
// Only that project reads this file: the others get the real types from lib.dom or Node.

interface TextEncoder {
  encode(input?: string): Uint8Array;
}
declare const TextEncoder: { new (): TextEncoder };

interface URL {
  readonly hostname: string;
}
declare const URL: { new (url: string, base?: string): URL };
