/**
 * report.docx for a journal submission: title, citation and provenance, the key results, every
 * table as a real Word table (header row repeated on each page, numbers right-aligned, notes
 * below), the figures as 300-dpi PNG images with their captions, and the methods with the clinical
 * rules applied. Tables wider than eight columns get a landscape page. Fonts: Arial (Liberation
 * Sans where Arial is absent; the two are metric-compatible).
 */
import type { StudyAnalysis } from '@mmreg/core';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  type ParagraphChild,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { ReportFigure } from '../report-figures.ts';
import { describeKeyResults, describeMethods, type ReportSoftware } from '../report-text.ts';
import type { TableRow as ModelRow, TableModel } from '../table-model.ts';
import type { RasterFigure } from './rasterise-figures.ts';
import { buildReportOutline } from './report-outline.ts';

export interface DocxReportInput {
  readonly analysis: StudyAnalysis;
  readonly tables: readonly TableModel[];
  readonly figures: readonly ReportFigure[];
  readonly rasters: readonly RasterFigure[];
  readonly software: ReportSoftware;
}

const font = 'Arial';
const muted = '5B5B5B';
const warningFill = 'FFF4E5';
/** A4 in twentieths of a point, and 2 cm margins. */
const a4 = { width: 11906, height: 16838 } as const;
const marginTwips = 1134;
const twipsPerCssPixel = 15;
const wideTableColumns = 8;

type Block = Paragraph | Table;

function text(content: string, options: { bold?: boolean; italics?: boolean; size?: number; color?: string } = {}) {
  return new TextRun({ text: content, font, ...options });
}

function paragraph(children: ParagraphChild[], options: { spacingAfter?: number; keepNext?: boolean } = {}) {
  return new Paragraph({
    children,
    spacing: { after: options.spacingAfter ?? 120 },
    ...(options.keepNext === true ? { keepNext: true } : {}),
  });
}

function heading(title: string, level: 1 | 2) {
  return new Paragraph({
    heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
    children: [text(title, { bold: true, size: level === 1 ? 26 : 22 })],
    spacing: { before: 240, after: 120 },
    keepNext: true,
  });
}

const alignments = { left: AlignmentType.LEFT, right: AlignmentType.RIGHT, center: AlignmentType.CENTER } as const;

const thin = { style: BorderStyle.SINGLE, size: 4, color: '1B1B1B' } as const;
const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;

function cell(
  content: string,
  options: {
    align: keyof typeof alignments;
    bold: boolean;
    color?: string;
    fill?: string;
    span?: number;
    top?: boolean;
  },
) {
  return new TableCell({
    children: [
      new Paragraph({
        alignment: alignments[options.align],
        children: [text(content, { bold: options.bold, size: 16, ...(options.color ? { color: options.color } : {}) })],
      }),
    ],
    ...(options.span === undefined ? {} : { columnSpan: options.span }),
    ...(options.fill === undefined ? {} : { shading: { type: ShadingType.CLEAR, color: 'auto', fill: options.fill } }),
    margins: { top: 30, bottom: 30, left: 70, right: 70 },
    borders: { top: options.top ? thin : none, bottom: options.top ? thin : none, left: none, right: none },
  });
}

function bodyRow(table: TableModel, row: ModelRow): TableRow {
  const bold = row.emphasis === 'strong' || row.isSection === true;
  const style = {
    bold,
    ...(row.emphasis === 'muted' ? { color: muted } : {}),
    ...(row.emphasis === 'warning' ? { fill: warningFill } : {}),
  };
  if (row.isSection === true) {
    const first = table.columns[0]?.key ?? '';
    return new TableRow({
      cantSplit: true,
      children: [cell(row.cells[first] ?? '', { ...style, align: 'left', span: table.columns.length })],
    });
  }
  return new TableRow({
    cantSplit: true,
    children: table.columns.map((column) =>
      cell(row.cells[column.key] ?? '', {
        ...style,
        align: column.align ?? (row.values?.[column.key] === undefined ? 'left' : 'right'),
      }),
    ),
  });
}

function tableBlocks(table: TableModel): Block[] {
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: table.columns.map((column) =>
      cell(column.label, { align: column.align ?? 'left', bold: true, top: true }),
    ),
  });
  const blocks: Block[] = [
    paragraph([text(table.title, { bold: true, size: 20 })], { spacingAfter: 60, keepNext: true }),
  ];
  if (table.caption !== undefined) {
    blocks.push(paragraph([text(table.caption, { size: 18, color: muted })], { spacingAfter: 60, keepNext: true }));
  }
  blocks.push(
    new Table({
      rows: [header, ...table.rows.map((row) => bodyRow(table, row))],
      width: { size: 100, type: WidthType.PERCENTAGE },
      layout: TableLayoutType.AUTOFIT,
      borders: {
        top: thin,
        bottom: thin,
        left: none,
        right: none,
        insideHorizontal: none,
        insideVertical: none,
      },
    }),
  );
  for (const note of table.notes)
    blocks.push(paragraph([text(note, { size: 16, color: muted })], { spacingAfter: 40 }));
  blocks.push(paragraph([], { spacingAfter: 120 }));
  return blocks;
}

function figureBlocks(figure: ReportFigure, raster: RasterFigure | undefined, textWidthTwips: number): Block[] {
  if (raster === undefined) return [];
  const widthPx = Math.min(raster.widthCssPx, textWidthTwips / twipsPerCssPixel);
  const heightPx = (raster.heightCssPx * widthPx) / raster.widthCssPx;
  return [
    new Paragraph({
      keepNext: true,
      children: [
        new ImageRun({
          type: 'png',
          data: raster.png,
          transformation: { width: Math.round(widthPx), height: Math.round(heightPx) },
          altText: { name: figure.id, title: figure.title, description: figure.caption },
        }),
      ],
    }),
    paragraph([text(`${figure.title}. `, { bold: true, size: 18 }), text(figure.caption, { size: 18 })], {
      spacingAfter: 240,
    }),
  ];
}

function frontMatter(input: DocxReportInput): Block[] {
  const { analysis, software } = input;
  const generated = software.generatedAt === null ? '' : ` on ${software.generatedAt}`;
  return [
    paragraph([text(`mmreg reproduction report · ${analysis.study.id}`, { size: 16, color: '0B5394' })]),
    new Paragraph({
      heading: HeadingLevel.TITLE,
      children: [text(analysis.study.title, { bold: true, size: 32 })],
      spacing: { after: 120 },
    }),
    paragraph([text(analysis.study.citation, { italics: true, size: 20, color: muted })]),
    paragraph([
      text(
        `Recomputed from the data by ${software.name} ${software.version}${generated}. All numbers are derived from the data; none is copied from a publication.`,
        { size: 18, color: muted },
      ),
    ]),
    heading('Provenance', 2),
    ...analysis.study.provenance.map((line) => paragraph([text(line, { size: 18 })], { spacingAfter: 60 })),
    heading('Key results', 2),
    ...describeKeyResults(analysis).map(([term, detail]) =>
      paragraph([text(`${term}: `, { bold: true, size: 20 }), text(detail, { size: 20 })], { spacingAfter: 60 }),
    ),
  ];
}

function methodsBlocks(input: DocxReportInput): Block[] {
  return [
    heading('8. Methods and conventions', 1),
    ...describeMethods(input.analysis, input.software).map((item) =>
      paragraph([text(item, { size: 18 })], { spacingAfter: 80 }),
    ),
    heading('Clinical rules applied', 2),
    ...input.analysis.rules.map((rule) =>
      paragraph(
        [
          text(`${rule.id} `, { bold: true, size: 16 }),
          text(`${rule.title} — ${rule.source} (clinical-spec.md ${rule.specSection}, evidence ${rule.evidence})`, {
            size: 16,
          }),
        ],
        { spacingAfter: 40 },
      ),
    ),
  ];
}

function page(orientation: 'portrait' | 'landscape') {
  return {
    size: {
      width: a4.width,
      height: a4.height,
      orientation: orientation === 'portrait' ? PageOrientation.PORTRAIT : PageOrientation.LANDSCAPE,
    },
    margin: { top: marginTwips, bottom: marginTwips, left: marginTwips, right: marginTwips },
  };
}

function footer(studyId: string) {
  return {
    default: new Footer({
      children: [
        new Paragraph({
          alignment: AlignmentType.RIGHT,
          children: [
            new TextRun({
              font,
              size: 16,
              color: muted,
              children: [`mmreg report · ${studyId} · page `, PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES],
            }),
          ],
        }),
      ],
    }),
  };
}

/** The DOCX file's bytes. */
export async function buildReportDocx(input: DocxReportInput): Promise<Uint8Array> {
  const rasters = new Map(input.rasters.map((raster) => [raster.id, raster]));
  const portraitTextWidth = a4.width - 2 * marginTwips;
  const sections: { orientation: 'portrait' | 'landscape'; children: Block[] }[] = [
    { orientation: 'portrait', children: frontMatter(input) },
  ];
  const current = () => sections.at(-1) as (typeof sections)[number];
  const continuePortrait = () => {
    if (current().orientation !== 'portrait') sections.push({ orientation: 'portrait', children: [] });
    return current().children;
  };
  for (const section of buildReportOutline(input.tables, input.figures)) {
    // The heading goes with the section's first item, onto a landscape page if that is a wide table.
    let pending: Block[] = [heading(section.title, 1)];
    for (const item of section.items) {
      if (item.kind === 'figure') {
        const blocks = figureBlocks(item.figure, rasters.get(item.figure.id), portraitTextWidth);
        continuePortrait().push(...pending, ...blocks);
      } else if (item.table.columns.length > wideTableColumns) {
        sections.push({ orientation: 'landscape', children: [...pending, ...tableBlocks(item.table)] });
      } else {
        continuePortrait().push(...pending, ...tableBlocks(item.table));
      }
      pending = [];
    }
  }
  continuePortrait().push(...methodsBlocks(input));
  const document = new Document({
    creator: `${input.software.name} ${input.software.version}`,
    title: `Reproduction: ${input.analysis.study.title}`,
    description: `mmreg report of ${input.analysis.study.id}`,
    styles: { default: { document: { run: { font, size: 20 } } } },
    sections: sections.map((section) => ({
      properties: { page: page(section.orientation) },
      footers: footer(input.analysis.study.id),
      children: section.children,
    })),
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
