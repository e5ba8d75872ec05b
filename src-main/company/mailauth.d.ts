// mailauth 4.9 (the last line that runs on Node 20) ships no types for the parts used here.
declare module 'mailauth/lib/spf' {
  export function spf(options: {
    sender: string;
    ip: string;
    helo?: string;
    mta?: string;
    resolver?: (name: string, rrtype: string) => Promise<unknown>;
  }): Promise<{ status: { result: string; comment?: string } }>;
}

declare module 'mailauth/lib/dmarc/get-dmarc-record' {
  const getDmarcRecord: (
    domain: string,
    resolver?: (name: string, rrtype: string) => Promise<unknown>,
  ) => Promise<false | { rr: string; p?: string; pct?: number }>;
  export default getDmarcRecord;
}
