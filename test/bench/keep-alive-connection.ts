/**
 * A lean HTTP/1.1 client: one kept-alive socket, one request at a time, as load generators such
 * as wrk work. The load generator shares the machine with the server and PostgreSQL, and
 * node:http's client cost the check-in bench 0.15–0.20 ms of CPU per check-in (a third of what
 * the server spent); this one 0.09–0.13 ms, so more of the machine goes to what is measured. It
 * reads what our server answers: a status line, headers with Content-Length, and the body.
 */
import net from 'node:net';

const HEADERS_END = Buffer.from('\r\n\r\n');

export interface Answer {
  status: number;
  body: string;
}

export class KeepAliveConnection {
  private received: Buffer = Buffer.alloc(0);
  private waiting: { resolve: (answer: Answer) => void; reject: (err: Error) => void } | null = null;

  private constructor(
    private readonly socket: net.Socket,
    private readonly host: string,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.received = this.received.length ? Buffer.concat([this.received, chunk]) : chunk;
      this.answerIfComplete();
    });
    const fail = (err: Error) => {
      this.waiting?.reject(err);
      this.waiting = null;
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('the server closed the connection')));
  }

  static open(url: string): Promise<KeepAliveConnection> {
    const { hostname, port, host } = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = net.connect(Number(port), hostname, () => resolve(new KeepAliveConnection(socket, host)));
      socket.once('error', reject);
    });
  }

  post(path: string, headers: Record<string, string>, body: string): Promise<Answer> {
    if (this.waiting) throw new Error('one request at a time on a connection');
    let head = `POST ${path} HTTP/1.1\r\nHost: ${this.host}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`;
    for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(`${head}\r\n${body}`);
    });
  }

  close(): void {
    this.socket.removeAllListeners('close');
    this.socket.destroy();
  }

  private answerIfComplete(): void {
    const end = this.received.indexOf(HEADERS_END);
    if (end < 0 || !this.waiting) return;
    const head = this.received.toString('latin1', 0, end);
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    if (!length) {
      this.waiting.reject(new Error(`an answer without Content-Length:\n${head}`));
      this.waiting = null;
      return;
    }
    const bodyEnd = end + HEADERS_END.length + Number(length[1]);
    if (this.received.length < bodyEnd) return;
    const answer = { status: Number(head.slice(9, 12)), body: this.received.toString('utf8', end + HEADERS_END.length, bodyEnd) };
    this.received = this.received.subarray(bodyEnd);
    const { resolve } = this.waiting;
    this.waiting = null;
    resolve(answer);
  }
}
