import { PDFHexString, PDFName, PDFNull, PDFNumber } from 'pdf-lib';
import type { PDFArray, PDFDocument, PDFPage, PDFRef } from 'pdf-lib';

/** Structure types a certificate uses (PDF 32000-1, 14.8.4 standard structure types). */
export type StructureRole = 'H1' | 'H2' | 'P' | 'Figure';

/** One structure element: the marked-content ids (MCIDs) of its drawing, in order. */
export interface StructureElement {
	role: StructureRole;
	mcids: number[];
	/** Where it starts on the page, for top-down reading order. */
	x: number;
	y: number;
	/** Alternative text (figures). */
	alt?: string;
	/** The figure's box on the page: [left, bottom, right, top]. */
	bbox?: [number, number, number, number];
}

/** 'drawing': the order the design draws in; 'topDown': rows from the top, then left to right. */
export type ReadingOrder = 'drawing' | 'topDown';

/**
 * The tagged-PDF side of a page: hands out marked-content ids while the page is drawn, then
 * writes the structure tree (Document → headings, paragraphs, figures in reading order) with its
 * parent tree, and marks the document as tagged. Decorations are marked as artifacts instead.
 */
export class PageStructure {
	private readonly elements: StructureElement[] = [];
	private nextMcid: number;

	/** `firstMcid`: ids below it belong to content already on the page (a tagged template). */
	constructor(private readonly firstMcid = 0) {
		this.nextMcid = firstMcid;
	}

	/** A new element; `mark` adds content to it. */
	element(role: StructureRole, x: number, y: number, extra: Partial<StructureElement> = {}) {
		const element: StructureElement = { role, mcids: [], x, y, ...extra };
		this.elements.push(element);
		return element;
	}

	/** Wraps operators as a marked-content sequence belonging to the element. */
	mark(element: StructureElement, operators: string): string {
		const mcid = this.nextMcid++;
		element.mcids.push(mcid);
		return `/${element.role} <</MCID ${mcid}>> BDC\n${operators}\nEMC`;
	}

	/** Writes the structure tree for the page; call once, after drawing. */
	write(doc: PDFDocument, page: PDFPage, order: ReadingOrder): void {
		writeStructureTree(doc, [{ page, structure: this }], order);
	}

	/**
	 * Registers this page's elements under `parent` (appending them to `kids`) and returns the
	 * page's parent-tree array, indexed by MCID.
	 */
	writeElements(
		doc: PDFDocument,
		page: PDFPage,
		parent: PDFRef,
		order: ReadingOrder,
		kids: PDFRef[],
	): Array<PDFRef | typeof PDFNull> {
		const used = this.elements.filter((e) => e.mcids.length > 0);
		const ordered =
			order === 'topDown' ? [...used].sort((a, b) => Math.round(b.y - a.y) || a.x - b.x) : used;
		// The parent tree is indexed by MCID; a template's own marked content has no parent here.
		const parentOf: Array<PDFRef | typeof PDFNull> = Array.from(
			{ length: this.firstMcid },
			() => PDFNull,
		);
		for (const e of ordered) {
			const ref = doc.context.register(structElem(doc, e, parent, page.ref));
			for (const mcid of e.mcids) parentOf[mcid] = ref;
			kids.push(ref);
		}
		return parentOf;
	}
}

/**
 * Writes one structure tree for the pages, in page order (each page numbers its marked content
 * from its own first id and is its own entry of the parent tree); call once, after drawing.
 */
export function writeStructureTree(
	doc: PDFDocument,
	pages: ReadonlyArray<{ page: PDFPage; structure: PageStructure }>,
	order: ReadingOrder,
): void {
	const ctx = doc.context;
	const rootRef = ctx.nextRef();
	const documentRef = ctx.nextRef();
	const kids: PDFRef[] = [];
	const nums: Array<PDFNumber | PDFArray> = [];
	pages.forEach(({ page, structure }, index) => {
		const parentOf = structure.writeElements(doc, page, documentRef, order, kids);
		nums.push(PDFNumber.of(index), ctx.obj(parentOf));
		page.node.set(PDFName.of('StructParents'), PDFNumber.of(index));
	});
	ctx.assign(documentRef, ctx.obj({ Type: 'StructElem', S: 'Document', P: rootRef, K: kids }));
	ctx.assign(
		rootRef,
		ctx.obj({
			Type: 'StructTreeRoot',
			K: documentRef,
			ParentTree: ctx.obj({ Nums: nums }),
			ParentTreeNextKey: pages.length,
		}),
	);
	doc.catalog.set(PDFName.of('StructTreeRoot'), rootRef);
	doc.catalog.set(PDFName.of('MarkInfo'), ctx.obj({ Marked: true }));
}

function structElem(doc: PDFDocument, e: StructureElement, parent: PDFRef, page: PDFRef) {
	const ctx = doc.context;
	const dict = ctx.obj({
		Type: 'StructElem',
		S: e.role,
		P: parent,
		Pg: page,
		K: e.mcids.length === 1 ? e.mcids[0] : e.mcids,
	});
	if (e.alt !== undefined) dict.set(PDFName.of('Alt'), PDFHexString.fromText(e.alt));
	if (e.bbox) dict.set(PDFName.of('A'), ctx.obj({ O: 'Layout', BBox: e.bbox }));
	return dict;
}
