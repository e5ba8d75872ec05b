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

declare module 'mailauth/lib/parse-dkim-headers' {
  /** One method's verdict in an Authentication-Results header: `spf=pass (comment) smtp.mailfrom=…`. */
  interface MethodResult {
    value: string;
    comment?: string;
    smtp?: Record<string, string>;
    header?: Record<string, string>;
  }
  const parseHeader: (header: string) => {
    parsed: {
      header: string;
      /** For Authentication-Results: the authserv-id, the server that judged. */
      value?: string;
      spf?: MethodResult;
      dmarc?: MethodResult;
      dkim?: MethodResult[];
    };
  };
  export default parseHeader;
}
