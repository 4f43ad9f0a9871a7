import { execFile } from 'node:child_process';

/**
 * The text layer of a PDF, read with pdf-parse (pdf.js) the way a reader or a search engine sees it.
 * Run in a plain Node child: pdf.js sets up its worker with a dynamic import, which jest's module
 * sandbox refuses.
 */
export function pdfText(bytes: Uint8Array): Promise<string> {
  const script = `
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c));
    process.stdin.on('end', async () => {
      const { PDFParse } = require('pdf-parse');
      const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
      process.stdout.write((await parser.getText()).text);
      await parser.destroy();
    });`;
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['-e', script], { maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) =>
      err ? reject(new Error(`pdf-parse: ${stderr || err.message}`)) : resolve(stdout),
    );
    child.stdin?.end(Buffer.from(bytes));
  });
}
