/**
 * The inline stylesheet of {@link htmlDocument}: system fonts, readable line lengths, tables
 * with zebra rows and right-aligned tabular numbers, key-figure cards, callouts that differ by
 * border pattern as well as colour, and a print stylesheet that drops backgrounds and keeps
 * tables and figures whole on a page. Class names are prefixed `cw-`.
 *
 * @example
 * ```ts
 * REPORT_CSS.includes('@media print'); // true
 * ```
 */
export const REPORT_CSS = `:root{color-scheme:light;--cw-text:#1b1b1b;--cw-muted:#4f565b;--cw-border:#b1b4b6;--cw-zebra:#f3f2f1;--cw-accent:#1d70b8}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","Liberation Sans",sans-serif;font-size:1rem;line-height:1.5;color:var(--cw-text);background:#fff}
main{max-width:72rem;margin:0 auto;padding:2rem 1.25rem 4rem}
p,li,dd,.cw-lead{max-width:70ch}
h1,h2,h3,h4,h5,h6{line-height:1.25;margin:2rem 0 .75rem}
h1{font-size:2rem;margin-top:0}
h2{font-size:1.5rem;padding-bottom:.25rem;border-bottom:2px solid var(--cw-border)}
h3{font-size:1.25rem}
h4,h5,h6{font-size:1rem}
.cw-lead{font-size:1.125rem;color:var(--cw-muted)}
a{color:var(--cw-accent);text-underline-offset:.15em}
:focus-visible{outline:3px solid #fd0;outline-offset:0;box-shadow:0 0 0 6px #0b0c0c}
section{margin:0 0 2rem}
.cw-table-wrap{overflow-x:auto;margin:1rem 0 1.5rem}
table{border-collapse:collapse;width:100%;font-size:.9375rem}
caption{caption-side:top;text-align:left;font-weight:700;padding:0 0 .5rem}
th,td{padding:.45rem .6rem;border-bottom:1px solid var(--cw-border);text-align:left;vertical-align:top}
thead th{border-bottom:2px solid var(--cw-text);vertical-align:bottom}
tbody th{font-weight:600}
tbody tr:nth-child(even){background:var(--cw-zebra)}
tfoot th,tfoot td{border-top:2px solid var(--cw-text);border-bottom:0;font-weight:700}
.cw-num{text-align:right;font-variant-numeric:tabular-nums}
.cw-center{text-align:center}
figure.cw-figure{margin:1.5rem 0}
figure.cw-figure figcaption{color:var(--cw-muted);font-size:.9rem;margin-top:.5rem;max-width:70ch}
svg{max-width:100%;height:auto}
dl.cw-key-figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));gap:1rem;margin:1rem 0 1.5rem;padding:0}
.cw-key-figure{border:1px solid var(--cw-border);border-top:4px solid var(--cw-accent);padding:.75rem 1rem;background:#fff}
.cw-key-figure dt{color:var(--cw-muted);font-size:.875rem;font-weight:400}
.cw-key-figure dd{margin:0}
.cw-key-figure .cw-value{font-size:1.75rem;font-weight:700;line-height:1.2;font-variant-numeric:tabular-nums}
.cw-key-figure .cw-note{font-size:.8125rem;color:var(--cw-muted);margin-top:.25rem}
.cw-callout{border:1px solid var(--cw-border);border-left:6px solid;padding:.75rem 1rem;margin:1rem 0;max-width:70ch}
.cw-callout>:last-child{margin-bottom:0}
.cw-callout-title{font-weight:700;margin:0 0 .25rem;display:flex;gap:.4rem;align-items:center}
.cw-callout-title svg{flex:none}
.cw-callout-info{border-left-style:solid;border-left-color:#1d70b8;background:#eef5fb}
.cw-callout-warning{border-left-style:dashed;border-left-color:#a35200;background:#fff7e6}
.cw-callout-danger{border-left-style:double;border-left-width:9px;border-left-color:#b0281a;background:#fdeeee}
dl.cw-dl{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;gap:.35rem 1.5rem;margin:1rem 0}
dl.cw-dl dt{font-weight:600}
dl.cw-dl dd{margin:0}
.cw-visually-hidden{position:absolute!important;width:1px!important;height:1px!important;margin:0!important;padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;clip-path:inset(50%)!important;border:0!important;white-space:nowrap!important}
@media (max-width:40rem){main{padding:1rem .75rem 3rem}dl.cw-dl{grid-template-columns:1fr}dl.cw-dl dd{margin-bottom:.5rem}}
@media print{
@page{margin:15mm}
*,*::before,*::after{background:transparent!important;box-shadow:none!important}
body{font-size:10.5pt;color:#000}
main{max-width:none;padding:0}
a{color:inherit;text-decoration:underline}
.cw-table-wrap{overflow:visible}
table,figure,svg,.cw-key-figure,.cw-callout,dl.cw-dl{break-inside:avoid;page-break-inside:avoid}
thead{display:table-header-group}
tr,th,td{break-inside:avoid;page-break-inside:avoid}
h1,h2,h3,h4,h5,h6,caption{break-after:avoid;page-break-after:avoid}
}`;
