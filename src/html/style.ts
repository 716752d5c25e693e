/**
 * The pages' one style sheet, inline: system fonts only (no web font, nothing fetched), two columns top-aligned row
 * by row on a screen, one column on a phone, light or dark as the reader's system is, and paper-friendly in print.
 */
export const style = `
:root{color-scheme:light dark;--ink:#1b1b1f;--muted:#5d5d66;--paper:#fff;--rule:#dedee3;--tint:#f5f5f7;--accent:#1c5fb8;--light:#ffe58a;--flag:#9a4a00;--flag-tint:#fff1dc}
@media (prefers-color-scheme:dark){:root{--ink:#e8e8ec;--muted:#a3a3ad;--paper:#16161a;--rule:#33333b;--tint:#202027;--accent:#8ab4f8;--light:#6b5a00;--flag:#ffb870;--flag-tint:#3a2a12}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--paper);color:var(--ink);font:1.0625rem/1.6 Charter,"Bitstream Charter","Sitka Text",Cambria,Georgia,serif;overflow-wrap:anywhere}
.page{max-width:78rem;margin:0 auto;padding:1.5rem 1.25rem 4rem}
h1,h2,h3,.meta,.view,.label,.number,.counts,nav,caption,th{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif}
h1{font-size:1.9rem;line-height:1.2;margin:0 0 .35rem}
h2{font-size:1.2rem;margin:2rem 0 .6rem}
h3{font-size:1.05rem;margin:0}
a{color:var(--accent)}
.english-title{font-size:1.25rem;font-style:italic;color:var(--muted);margin:0 0 .6rem}
.meta{color:var(--muted);font-size:.85rem;margin:.2rem 0}
.view{display:flex;gap:.4rem;flex-wrap:wrap;margin:1rem 0 0}
.view[hidden]{display:none}
.view button{font:inherit;font-size:.9rem;padding:.35rem .9rem;border:1px solid var(--rule);border-radius:999px;background:var(--paper);color:var(--ink);cursor:pointer}
.view button[aria-pressed=true]{background:var(--ink);color:var(--paper);border-color:var(--ink)}
.notes{border-left:4px solid var(--accent);background:var(--tint);padding:.6rem 1rem;margin:1.25rem 0;font-size:.95rem}
.notes h2{margin:0 0 .3rem;font-size:1rem}
.notes ul{margin:0;padding-left:1.2rem}
.notes summary{cursor:pointer;margin:.2rem 0}
.row{display:grid;grid-template-columns:2.2rem minmax(0,1fr) minmax(0,1fr);column-gap:1.5rem;align-items:start;padding:.5rem 0;border-top:1px solid var(--rule)}
.monolingual .row{grid-template-columns:2.2rem minmax(0,1fr)}
.row>.source{grid-column:2}.row>.target{grid-column:3}.row>.both{grid-column:2/-1}
.cell{margin:0;min-width:0}
.cell p{margin:0}
.row.heading .cell{font-size:1.1rem;font-weight:700}
.heads{border-top:0;padding:0 0 .2rem;position:sticky;top:0;background:var(--paper);z-index:1}
.heads .cell{font-family:system-ui,sans-serif;font-size:.8rem;letter-spacing:.04em;text-transform:uppercase;color:var(--muted)}
.number{grid-column:1;font-size:.8rem;color:var(--muted);text-decoration:none;padding-top:.2rem;text-align:right}
.target{color:var(--ink)}
.s{border-radius:3px}
.s:focus{outline:none}
.s.hl,.s:focus-visible{background:var(--light);box-shadow:0 0 0 2px var(--light)}
.kept{color:var(--muted);font-style:italic}
.label{font-size:.75rem;color:var(--muted);font-style:normal}
.flag{font-family:system-ui,sans-serif;font-size:.75rem;color:var(--flag);background:var(--flag-tint);border-radius:3px;padding:0 .25rem;white-space:nowrap}
pre{margin:0;overflow-x:auto;font:.85rem/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--tint);padding:.6rem;border-radius:4px;white-space:pre}
.links{font-size:.85rem;margin:.3rem 0 0;padding-left:1.2rem;color:var(--muted)}
.summary .row{border-top:0;padding:.25rem 0}
.summary ul{padding-left:1.2rem}
.checked li{margin:.3rem 0}
.digest .entry{border-top:1px solid var(--rule);padding:1rem 0}
.digest .entry h2{margin:0;font-size:1.15rem}
.digest .entry p{margin:.25rem 0}
.counts{color:var(--muted);font-size:.9rem}
.status{font-family:system-ui,sans-serif;font-size:.75rem;text-transform:uppercase;letter-spacing:.04em;padding:0 .3rem;border-radius:3px;background:var(--tint);color:var(--muted)}
.status.failed,.status.not-run{background:var(--flag-tint);color:var(--flag)}
[data-view=source] .row>.target,[data-view=target] .row>.source{display:none}
[data-view=source] .row,[data-view=target] .row{grid-template-columns:2.2rem minmax(0,1fr)}
[data-view=target] .row>.target{grid-column:2}
@media (max-width:40rem){
.page{padding:1rem .85rem 3rem}
h1{font-size:1.5rem}
.row,.monolingual .row,[data-view] .row{grid-template-columns:minmax(0,1fr);row-gap:.35rem}
.row>.source,.row>.target,.row>.both,[data-view=target] .row>.target{grid-column:1}
.row>.target{padding-left:.75rem;border-left:3px solid var(--rule)}
.number{text-align:left;padding:0}
.heads{display:none}
}
@media print{
:root{--ink:#000;--muted:#444;--paper:#fff;--rule:#bbb;--tint:#f3f3f3;--accent:#000}
body{font-size:10pt}
.page{max-width:none;padding:0}
.view{display:none}
.heads{position:static}
.row{break-inside:avoid}
a{text-decoration:none}
.s.hl{background:none;box-shadow:none}
}
`.trim();
