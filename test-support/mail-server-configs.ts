import { chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { systemUser } from './system-users';

// The configuration files of the private Postfix and Dovecot that mail-servers.ts starts.
const TLS = resolve(import.meta.dirname, 'tls');

export function writeDovecotConfig(
  dir: string,
  o: {
    users: string[];
    domain: string;
    password: string;
    imapPort: number;
    imapsPort: number;
    lmtpPort: number;
    authPort: number;
    sentFolder: boolean;
  },
) {
  const mail = join(dir, 'mail');
  mkdirSync(mail);
  chownSync(mail, 65534, 65534); // nobody:nogroup, whom the mail belongs to (Dovecot refuses uid 0)
  for (const d of ['run', 'state']) mkdirSync(join(dir, d));
  writeFileSync(join(dir, 'users'), o.users.map((u) => `${u}@${o.domain}:{PLAIN}${o.password}\n`).join(''));
  writeFileSync(
    join(dir, 'dovecot.conf'),
    `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap lmtp
listen = 127.0.0.1
ssl = yes
ssl_cert = <${TLS}/server.pem
ssl_key = <${TLS}/server.key
auth_mechanisms = plain login
mail_location = maildir:${mail}/%d/%n
mail_uid = nobody
mail_gid = nogroup
first_valid_uid = 1
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=${mail}/%d/%n
}
namespace inbox {
  inbox = yes
  separator = /
${
  o.sentFolder
    ? `  mailbox Sent {
    special_use = \\Sent
    auto = create
  }
`
    : ''
}  mailbox Trash {
    special_use = \\Trash
    auto = create
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${o.imapPort}
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = ${o.imapsPort}
    ssl = yes
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = ${o.lmtpPort}
  }
}
service auth {
  inet_listener auth {
    address = 127.0.0.1
    port = ${o.authPort}
  }
}
protocol lmtp {
  postmaster_address = postmaster@${o.domain}
}
`,
  );
}

export function writePostfixConfig(
  dir: string,
  o: { domain: string; submissionPort: number; lmtpPort: number; authPort: number; authenticationResults?: string },
) {
  const etc = join(dir, 'postfix');
  mkdirSync(etc);
  // Postfix's own Received header is the first it sees of a submission: the verdict goes above it.
  const verdict = o.authenticationResults
    ? `/^Received: .*[[:space:]]by mx\\.${o.domain.replace(/\./g, '\\.')} / PREPEND Authentication-Results: ${o.authenticationResults}\n`
    : '';
  writeFileSync(join(etc, 'header_checks'), verdict);
  for (const d of ['spool', 'data']) mkdirSync(join(dir, d));
  chownSync(join(dir, 'data'), postfixUid(), 0);
  writeFileSync(
    join(etc, 'main.cf'),
    `
compatibility_level = 3.6
queue_directory = ${dir}/spool
data_directory = ${dir}/data
mail_owner = postfix
setgid_group = postdrop
maillog_file_prefixes = ${dir}
maillog_file = ${dir}/postfix.log
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = mx.${o.domain}
mydomain = ${o.domain}
myorigin = ${o.domain}
mydestination =
alias_maps =
alias_database =
local_transport = error:local delivery is off
virtual_mailbox_domains = ${o.domain}
virtual_transport = lmtp:inet:127.0.0.1:${o.lmtpPort}
# Accept any recipient of the domain: an unknown one is refused at delivery, and bounces as a DSN.
smtpd_reject_unlisted_recipient = no
smtpd_tls_cert_file = ${TLS}/server.pem
smtpd_tls_key_file = ${TLS}/server.key
smtpd_tls_security_level = may
smtpd_sasl_type = dovecot
smtpd_sasl_path = inet:127.0.0.1:${o.authPort}
header_checks = regexp:${etc}/header_checks
`,
  );
  writeFileSync(
    join(etc, 'master.cf'),
    `
${o.submissionPort} inet n - n - - smtpd
  -o syslog_name=postfix/submission
  -o smtpd_tls_security_level=encrypt
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_client_restrictions=permit_sasl_authenticated,reject
  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
`,
  );
}

export function postfixUid(): number {
  const user = systemUser('postfix');
  if (!user) throw new Error('no postfix user: install Debian’s postfix package');
  return user.uid;
}
