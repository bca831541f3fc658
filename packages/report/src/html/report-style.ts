/** The report's stylesheet: a journal page on screen and in print (A4), no external resources. */
export const reportStyle = `
:root { --ink: #1b1b1b; --muted: #5b5b5b; --rule: #b9b9b9; --accent: #0b5394; --warn: #9c3d00; --warn-bg: #fff4e5; }
* { box-sizing: border-box; }
html { font-size: 15px; }
body { margin: 0; color: var(--ink); background: #fff; font-family: "Liberation Serif", "Times New Roman", Georgia, serif; line-height: 1.5; }
main { max-width: 1060px; margin: 0 auto; padding: 2.5rem 2rem 4rem; }
header.masthead { border-bottom: 2px solid var(--ink); padding-bottom: 1rem; margin-bottom: 1.5rem; }
.kicker { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; text-transform: uppercase; letter-spacing: .08em; font-size: .75rem; color: var(--accent); margin: 0 0 .4rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .5rem; font-weight: 700; }
h2 { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 1.15rem; text-transform: uppercase; letter-spacing: .05em; border-bottom: 1px solid var(--rule); padding-bottom: .25rem; margin: 2.4rem 0 1rem; }
h3 { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 1rem; margin: 1.6rem 0 .5rem; }
.citation { color: var(--muted); margin: 0; }
.meta { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; font-size: .8rem; color: var(--muted); margin-top: .6rem; }
.abstract { background: #f5f7fa; border-left: 4px solid var(--accent); padding: 1rem 1.25rem; margin: 1.5rem 0; }
.abstract dl { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1.2rem; margin: 0; }
.abstract dt { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; font-weight: 700; font-size: .85rem; }
.abstract dd { margin: 0; }
figure { margin: 1.5rem 0; }
figure.table { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-family: "Liberation Sans", Arial, Helvetica, sans-serif; font-size: .8rem; line-height: 1.35; }
caption { text-align: left; font-weight: 700; font-size: .9rem; padding-bottom: .5rem; }
caption .caption-detail { display: block; font-weight: 400; color: var(--muted); }
thead th { border-top: 1.5px solid var(--ink); border-bottom: 1px solid var(--ink); padding: .35rem .5rem; vertical-align: bottom; font-weight: 700; }
tbody th, tbody td { padding: .28rem .5rem; vertical-align: top; font-weight: 400; }
tbody tr:last-child th, tbody tr:last-child td { border-bottom: 1.5px solid var(--ink); }
tbody tr.section th { font-weight: 700; padding-top: .6rem; text-align: left; }
tbody tr.emphasis-strong th, tbody tr.emphasis-strong td { font-weight: 700; }
tbody tr.emphasis-muted th, tbody tr.emphasis-muted td { color: var(--muted); }
tbody tr.emphasis-warning th, tbody tr.emphasis-warning td { background: var(--warn-bg); }
.align-right { text-align: right; font-variant-numeric: tabular-nums; }
.align-center { text-align: center; }
.align-left { text-align: left; }
figcaption.notes { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; font-size: .75rem; color: var(--muted); margin-top: .4rem; }
figcaption.notes p { margin: .15rem 0; }
figure.chart { break-inside: avoid; }
figure.chart svg { display: block; width: 100%; height: auto; max-width: 860px; }
figure.chart figcaption { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; font-size: .8rem; color: var(--muted); max-width: 860px; }
.figure-grid { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem 1.5rem; }
.figure-grid figure.chart svg { max-width: 100%; }
.verdict { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; font-weight: 700; }
.verdict-discrepant { color: var(--warn); }
ul.methods li { margin-bottom: .4rem; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: .85em; }
footer { margin-top: 3rem; padding-top: .8rem; border-top: 1px solid var(--rule); font-family: "Liberation Sans", Arial, Helvetica, sans-serif; font-size: .75rem; color: var(--muted); }
@media (max-width: 800px) { .figure-grid { grid-template-columns: 1fr; } main { padding: 1.2rem; } }
@media print {
  @page { size: A4; margin: 16mm 14mm; }
  html { font-size: 12px; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  figure, tr { break-inside: avoid; }
}
`;
