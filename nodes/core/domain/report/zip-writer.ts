import { Zip, ZipDeflate } from 'fflate';

/**
 * A zip archive written one file at a time: each file is compressed as it is added and only the
 * compressed bytes are kept, so a pack of thousands of files never holds them all uncompressed.
 * Every file carries the same modification time, so one input gives one archive byte for byte.
 */
export class ZipWriter {
	private readonly zip: Zip;
	private readonly chunks: Uint8Array[] = [];
	private failure: Error | undefined;
	private finished = false;
	readonly names: string[] = [];

	constructor(
		private readonly modifiedAt: Date,
		private readonly level: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 = 6,
	) {
		this.zip = new Zip((error, chunk) => {
			if (error) this.failure = error;
			else this.chunks.push(chunk);
		});
	}

	/** Adds one file (text is written as UTF-8); names use forward slashes. */
	add(name: string, content: string | Uint8Array): void {
		if (this.finished) throw new Error(`zip: cannot add ${name} after finish`);
		const file = new ZipDeflate(name, { level: this.level });
		file.mtime = this.modifiedAt;
		this.zip.add(file);
		file.push(typeof content === 'string' ? Buffer.from(content, 'utf8') : content, true);
		this.names.push(name);
		if (this.failure) throw this.failure;
	}

	/** Writes the central directory and answers the whole archive. */
	finish(): Buffer {
		this.finished = true;
		this.zip.end();
		if (this.failure) throw this.failure;
		return Buffer.concat(this.chunks);
	}
}
