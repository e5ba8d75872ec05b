// The mail benchmark's receiving server, in a process of its own as a real mail server is: an
// smtp-server on 127.0.0.1 that checks the password and keeps only each message's Message-ID and
// size (parsing every message in the benchmark's own process would charge its CPU to Daftar).
// Like the perf anchor's sink, it greets at once: smtp-server otherwise waits 100 ms on every new
// connection to catch clients that talk too early, which no submission server does.
// IPC: sends {port}; answers 'stats' with {messages, bytes, messageIds}.
import { SMTPServer } from 'smtp-server';
import { SMTPConnection } from 'smtp-server/lib/smtp-connection.js';

SMTPConnection.prototype.init = function init() {
  this._setListeners(() => this.connectionReady());
};

const messageIds = [];
let bytes = 0;
const server = new SMTPServer({
  disabledCommands: ['STARTTLS'],
  allowInsecureAuth: true,
  authMethods: ['PLAIN', 'LOGIN'],
  logger: false,
  size: 0,
  onAuth(auth, _session, callback) {
    if (auth.username === 'daftar' && auth.password === 'correct horse') callback(null, { user: auth.username });
    else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
  },
  onData(stream, _session, callback) {
    let head = '';
    stream.on('data', (chunk) => {
      bytes += chunk.length;
      if (head.length < 16_384) head += chunk.toString('latin1');
    });
    stream.on('error', callback);
    stream.on('end', () => {
      const id = /^message-id:\s*(<[^>]+>)/im.exec(head.split(/\r?\n\r?\n/)[0] ?? '');
      messageIds.push(id ? id[1] : '');
      callback();
    });
  },
});
server.on('error', () => {});
server.listen(0, '127.0.0.1', () => process.send({ port: server.server.address().port }));
process.on('disconnect', () => process.exit(0));
process.on('message', (m) => {
  if (m === 'stats') process.send({ messages: messageIds.length, bytes, messageIds });
});
