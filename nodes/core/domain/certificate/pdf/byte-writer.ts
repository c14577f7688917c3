/**
 * A synchronous stand-in for fontkit's encode stream. fontkit's own `encodeStream()` delivers
 * its bytes through a timer-driven stream polyfill, which costs a few milliseconds of idle time
 * per font; the subset encoder only needs these write methods and `pos`.
 */
export class ByteWriter {
	pos = 0;
	private buffer = Buffer.alloc(1 << 16);

	private ensure(bytes: number): void {
		if (this.pos + bytes <= this.buffer.length) return;
		const next = Buffer.alloc(Math.max(this.buffer.length * 2, this.pos + bytes));
		this.buffer.copy(next, 0, 0, this.pos);
		this.buffer = next;
	}

	private put(bytes: number, write: (buffer: Buffer, at: number) => void): void {
		this.ensure(bytes);
		write(this.buffer, this.pos);
		this.pos += bytes;
	}

	writeUInt8(v: number): void {
		this.put(1, (b, at) => b.writeUInt8(v, at));
	}
	writeInt8(v: number): void {
		this.put(1, (b, at) => b.writeInt8(v, at));
	}
	writeUInt16BE(v: number): void {
		this.put(2, (b, at) => b.writeUInt16BE(v, at));
	}
	writeInt16BE(v: number): void {
		this.put(2, (b, at) => b.writeInt16BE(v, at));
	}
	writeUInt24BE(v: number): void {
		this.put(3, (b, at) => b.writeUIntBE(v, at, 3));
	}
	writeInt24BE(v: number): void {
		this.put(3, (b, at) => b.writeIntBE(v, at, 3));
	}
	writeUInt32BE(v: number): void {
		this.put(4, (b, at) => b.writeUInt32BE(v, at));
	}
	writeInt32BE(v: number): void {
		this.put(4, (b, at) => b.writeInt32BE(v, at));
	}
	writeFloatBE(v: number): void {
		this.put(4, (b, at) => b.writeFloatBE(v, at));
	}
	writeDoubleBE(v: number): void {
		this.put(8, (b, at) => b.writeDoubleBE(v, at));
	}
	writeBuffer(data: Uint8Array): void {
		this.put(data.length, (b, at) => b.set(data, at));
	}
	writeString(text: string, encoding: string = 'ascii'): void {
		let bytes: Buffer;
		if (encoding === 'utf16be' || encoding === 'utf-16be') {
			bytes = Buffer.from(text, 'utf16le');
			bytes.swap16();
		} else {
			bytes = Buffer.from(text, encoding === 'utf8' ? 'utf8' : 'latin1');
		}
		this.writeBuffer(bytes);
	}
	fill(value: number, length: number): void {
		this.put(length, (b, at) => b.fill(value, at, at + length));
	}

	bytes(): Uint8Array {
		return this.buffer.subarray(0, this.pos);
	}
}
