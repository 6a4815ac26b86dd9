"""The review page's inline style sheet and script (no external asset).

The highlight colours are part of the page's contract with its tests
(``FAIL_RGB`` ...): a test finds highlighted cells and drawn boxes in a
screenshot by these colours.
"""

from __future__ import annotations

FAIL_RGB = (255, 143, 171)    # cell of a failed check
WARN_RGB = (255, 212, 59)     # cell named by a warning
REGION_RGB = (28, 126, 214)   # table region found on a PDF page
CELLBOX_RGB = (253, 126, 20)  # a cell's own provenance box
HUMAN_RGB = (178, 242, 187)   # a cell a person corrected or confirmed


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


CSS = """
body{font:14px/1.4 "Noto Sans CJK SC","Noto Sans SC","WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;
 margin:0;padding:12px 16px 120px;color:#222;background:#fff}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:16px 0 6px}
.meta{color:#555;margin:2px 0}code{font-family:monospace;font-size:12px}
code.key{display:block;color:#888;font-size:10px;font-weight:normal}
.top{display:flex;gap:24px;align-items:flex-start}.top>section{flex:1 1 0;min-width:0}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 640px;gap:20px;align-items:start}
.pair{border-top:1px solid #ddd;margin-top:8px}
.scroll{overflow-x:auto}
table.grid{border-collapse:collapse;margin:4px 0 10px}
table.grid th,table.grid td{border:1px solid #999;padding:2px 5px}
table.grid th{background:#f3f3f3;font-weight:normal;font-size:12px;text-align:center}
table.grid th.rl{text-align:left}table.grid th.grp{width:5em}table.grid th.note{font-size:11px;color:#666}
table.grid caption{text-align:left;font-weight:bold;font-size:12px}
td.v{min-width:3em;text-align:right;cursor:pointer;font-variant-numeric:tabular-nums}
td.null{background:#eeeeee}.nullv{color:#888;font-style:italic}
td.warn{background:WARN}
td.fail{background:FAIL}
td.fail.warn{box-shadow:inset 0 0 0 3px WARN}
td.absent{color:#bbb;text-align:center}
td.focus{outline:3px solid #000;outline-offset:-3px}
.sw{display:inline-block;padding:0 6px;border:1px solid #999;margin:0 2px 0 10px}
.sw.fail{background:FAIL}.sw.warn{background:WARN}.sw.null{background:#eee;color:#888;font-style:italic}
.sw.absent{color:#bbb}.legend{font-size:12px}
table.checks{border-collapse:collapse;font-size:12px}table.checks td,table.checks th{border-bottom:1px solid #ddd;
 padding:2px 6px;text-align:left;vertical-align:top}tr.ck{cursor:pointer}tr.ck:hover,tr.ck.focus{background:#fff0f4}
td.diff{font-weight:bold;color:#c2255c}.nfail{color:#c2255c}
ul.warnings{margin:4px 0;padding-left:18px;font-size:12px}li.w{margin:1px 0}
.srclink{font-size:12px;color:#555;margin:0}.absent-table{color:#c2255c}
aside#source .note{font-size:12px;color:#555;background:#f8f9fa;padding:4px 8px;margin:4px 0}
figure{margin:8px 0}figcaption{font-size:12px;color:#555}
.pagebox{position:relative;border:1px solid #ccc}.pageimg{display:block}
.region,.regcell,.cellbox{position:absolute;box-sizing:border-box;pointer-events:none}
.region{border:2px solid REGION}.regcell{border:1px solid rgba(28,126,214,.35)}
.cellbox{border:2px solid CELLBOX;background:rgba(253,126,20,.12)}.cellbox.focus{outline:3px solid CELLBOX;outline-offset:2px}
table.src td{font-size:11px;vertical-align:top;max-width:14em}table.src td.focus{background:CELLBOX}
.lines{font:12px/1.45 monospace;white-space:pre-wrap;border:1px solid #ddd}
.line{padding:0 4px}.line .ln{color:#aaa;margin-right:8px;user-select:none}.line.focus{background:CELLBOX}
td.unconfirmed{text-decoration:underline dotted #868e96}
td.human,td.fixed{background:HUMAN}td.fixed s{color:#868e96}
.sw.unconfirmed{text-decoration:underline dotted #868e96}.sw.human{background:HUMAN}
#corrections{font-size:12px}#fix-list{margin:2px 0;padding-left:18px}#fix-list button{font-size:11px}
#fix-out{width:100%;font:11px monospace}.fixform{margin-top:6px;padding-top:4px;border-top:1px dashed #aaa}
.fixform label{margin-right:8px}#fix-msg{color:#c2255c}
#inspector{position:fixed;left:0;right:0;bottom:0;background:#fffef5;border-top:2px solid #333;padding:8px 16px;
 font-size:13px;max-height:40vh;overflow:auto}#inspector[hidden]{display:none}
#close{float:right}#insp dt{font-weight:bold;float:left;width:7em}#insp dd{margin:0 0 2px 7.5em}
""".replace("FAIL", _hex(FAIL_RGB)).replace("WARN", _hex(WARN_RGB)).replace("REGION", _hex(REGION_RGB)) \
    .replace("CELLBOX", _hex(CELLBOX_RGB)).replace("HUMAN", _hex(HUMAN_RGB))

# Click a value cell: show what is known of it and, when it has a source,
# mark that source (PDF box, grid cell, or text lines). Click a failed check:
# outline its cells.
SCRIPT = r"""
(function(){
const D=JSON.parse(document.getElementById('review-data').textContent);
const insp=document.getElementById('inspector'),box=document.getElementById('insp');
function esc(s){return String(s).replace(/[&<>"]/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));}
function clear(){document.querySelectorAll('.focus').forEach(e=>e.classList.remove('focus'));}
function sourceTarget(s){
  if(!s||typeof s!=='object')return [];
  if(s.l!==undefined||s.bbox)return [];  /* PDF boxes are drawn with id sb-<cell> */
  if(s.table!==undefined&&s.row!==undefined&&s.column!==undefined){
    /* the source grid's cell whose own source position is this one (HTML, DOCX) */
    const out=[...document.querySelectorAll('td[data-st="'+s.table+'"][data-sr="'+s.row+'"][data-sc="'+s.column+'"]')];
    if(out.length)return out;}
  let a=s.line!==undefined?s.line:(s.lines?s.lines[0]:s.line_start),b=s.lines?s.lines[s.lines.length-1]:(s.line_end!==undefined?s.line_end:a);
  const out=[];if(a!==undefined)for(let n=a;n<=b;n++){const e=document.getElementById('L'+n);if(e)out.push(e);}
  return out;}
function show(id){
  const c=D.cells[id];if(!c)return;clear();
  document.getElementById(id).classList.add('focus');
  let where;
  if(c.source){where='<code>'+esc(JSON.stringify(c.source))+'</code>';}
  else{where='no <code>source</code>: the cell was not found in the document; known: table <code>'+esc(c.table)+
    '</code>, row <code>'+esc(c.row)+'</code>, column <code>'+esc(c.column)+'</code>, raw text '+
    (c.raw===null?'<i>null (the cell was not found)</i>':'<code>'+esc(JSON.stringify(c.raw))+'</code>');}
  const notes=c.checks.map(i=>'<li>'+esc(D.checks[i])+'</li>').concat(c.warnings.map(i=>'<li>'+esc(D.warnings[i])+'</li>'));
  box.innerHTML='<dl><dt>cell</dt><dd><code>'+esc(c.table+'.'+c.row+'.'+c.column)+'</code> '+esc(c.labels.filter(x=>x).join(' › '))+
    '</dd><dt>value</dt><dd>'+(c.value===null?'<i>null</i>':esc(c.value))+'</dd><dt>raw</dt><dd>'+
    (c.raw===null?'<i>null</i>':'<code>'+esc(JSON.stringify(c.raw))+'</code>')+'</dd><dt>source</dt><dd>'+where+'</dd>'+
    (notes.length?'<dt>notes</dt><dd><ul>'+notes.join('')+'</ul></dd>':'')+
    '<dt>confirmed by</dt><dd>'+(c.value===null?'<i>(no value)</i>':(c.confirmed_by&&c.confirmed_by.length?
      c.confirmed_by.map(x=>'<code>'+esc(x)+'</code>').join(' '):'<i>nothing: no check, text or second reading vouches for it</i>'))+'</dd></dl>'+
    (window.giaparseFixForm?window.giaparseFixForm(id):'');
  insp.hidden=false;
  const drawn=document.getElementById('sb-'+id);const targets=drawn?[drawn]:sourceTarget(c.source);
  targets.forEach(e=>e.classList.add('focus'));
  if(targets.length)targets[0].scrollIntoView({block:'center'});}
document.addEventListener('click',function(e){
  const td=e.target.closest('td[data-cell]');if(td){show(td.id);return;}
  const ck=e.target.closest('tr[data-check]');
  if(ck){clear();ck.classList.add('focus');const ids=D.check_cells[+ck.dataset.check]||[];
    ids.forEach(i=>document.getElementById(i).classList.add('focus'));
    if(ids.length)document.getElementById(ids[0]).scrollIntoView({block:'center'});}});
document.getElementById('close').addEventListener('click',function(){insp.hidden=true;clear();});
})();
"""

# Corrections: confirm a cell or give its right value with a note; the records (one a cell,
# giaparse.corrections' JSON Lines form) are kept in localStorage under the input's sha256
# and exported as a .jsonl file.
FIX_SCRIPT = r"""
(function(){
const D=JSON.parse(document.getElementById('review-data').textContent);
const doc=D.document||{};if(!doc.sha256)return;
const KEY='giaparse-corrections:'+doc.sha256,BY='giaparse-reviewer';
const $=id=>document.getElementById(id);
function esc(s){return String(s).replace(/[&<>"]/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));}
let fixes=[];try{fixes=JSON.parse(localStorage.getItem(KEY)||'[]');}catch(e){fixes=[];}
try{$('fix-by').value=localStorage.getItem(BY)||'';}catch(e){}
let current=null;
function today(){const d=new Date();return d.getFullYear()+'-'+String(d.getMonth()+1).padStart(2,'0')+'-'+String(d.getDate()).padStart(2,'0');}
function path(c){return c.table+'.'+c.row+'.'+c.column;}
function shown(v){return v===null?'null':String(v);}
function store(){try{localStorage.setItem(KEY,JSON.stringify(fixes));}catch(e){}render();}
function parse(t){t=t.trim().replace(/[,\s]/g,'');if(t==='null')return {ok:true,value:null};
  if(!/^[-+]?[0-9]+(\.[0-9]+)?$/.test(t))return {ok:false};return {ok:true,value:Number(t)};}
function record(id,value,note){const c=D.cells[id];
  const rec={sha256:doc.sha256,cell:path(c),value:value,by:$('fix-by').value.trim(),at:today(),note:note};
  fixes=fixes.filter(r=>r.cell!==rec.cell);fixes.push(rec);store();}
function render(){
  document.querySelectorAll('td.fixed').forEach(td=>{td.classList.remove('fixed');if(td.dataset.orig!==undefined)td.innerHTML=td.dataset.orig;});
  const byCell={};fixes.forEach(r=>byCell[r.cell]=r);
  Object.keys(D.cells).forEach(id=>{const r=byCell[path(D.cells[id])];if(!r)return;const td=$(id);if(!td)return;
    if(td.dataset.orig===undefined)td.dataset.orig=td.innerHTML;td.classList.add('fixed');
    td.innerHTML=(r.value===D.cells[id].value?'✓ '+esc(shown(r.value)):'<s>'+td.dataset.orig+'</s> '+esc(shown(r.value)));});
  $('fix-count').textContent=fixes.length?'('+fixes.length+')':'(none)';
  $('fix-list').innerHTML=fixes.map((r,i)=>'<li><code>'+esc(r.cell)+'</code> = <b>'+esc(shown(r.value))+'</b>'+
    (r.note?' — '+esc(r.note):'')+' <small>'+esc(r.by||'')+' '+esc(r.at)+'</small> <button type="button" data-unfix="'+i+'">remove</button></li>').join('');
  $('fix-export').disabled=!fixes.length;}
window.giaparseFixForm=function(id){current=id;const c=D.cells[id],r=fixes.find(x=>x.cell===path(c));
  return '<div class="fixform"><button id="fix-confirm" type="button">Confirm this value ('+esc(shown(c.value))+')</button> '+
    '<label>right value <input id="fix-value" size="8" placeholder="number or null" value="'+(r?esc(shown(r.value)):'')+'"></label>'+
    '<label>note <input id="fix-note" size="36" value="'+(r?esc(r.note||''):'')+'"></label>'+
    '<button id="fix-save" type="button">Save correction</button> <span id="fix-msg"></span></div>';};
document.addEventListener('click',function(e){
  const t=e.target;if(!(t instanceof Element))return;
  if(t.id==='fix-confirm'&&current){record(current,D.cells[current].value,$('fix-note').value.trim());$('fix-msg').textContent='confirmed';return;}
  if(t.id==='fix-save'&&current){const p=parse($('fix-value').value);
    if(!p.ok){$('fix-msg').textContent='enter a number, or null for a cell that is really empty';return;}
    record(current,p.value,$('fix-note').value.trim());$('fix-msg').textContent='saved';return;}
  if(t.dataset&&t.dataset.unfix!==undefined){fixes.splice(+t.dataset.unfix,1);store();return;}
  if(t.id==='fix-export'){const text=fixes.map(r=>JSON.stringify(r)).join('\n')+'\n';
    const out=$('fix-out');out.hidden=false;out.value=text;
    const a=document.createElement('a');a.href=URL.createObjectURL(new Blob([text],{type:'application/x-ndjson'}));
    a.download='corrections-'+String(doc.name||'report').replace(/[^\w.\u4e00-\u9fff-]+/g,'_')+'.jsonl';
    document.body.appendChild(a);a.click();a.remove();}});
$('fix-by').addEventListener('change',function(){try{localStorage.setItem(BY,this.value.trim());}catch(e){}});
render();
})();
"""


# The index of a review site (``site.index_page``): a sortable, filterable table of documents.
INDEX_CSS = """
body{font:14px/1.4 "Noto Sans CJK SC","Noto Sans SC","WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;
 margin:0;padding:12px 16px;color:#222;background:#fff}
h1{font-size:20px;margin:0 0 4px}.meta{color:#555;margin:2px 0}.filters{margin:8px 0}
table#docs{border-collapse:collapse;font-size:13px}
#docs th,#docs td{border-bottom:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
#docs th{background:#f3f3f3;cursor:pointer;user-select:none;position:sticky;top:0;white-space:nowrap}
#docs th.asc::after{content:" ▲"}#docs th.desc::after{content:" ▼"}
#docs td.n,#docs th.n{text-align:right;font-variant-numeric:tabular-nums}
#docs td.hot{background:FAIL33;font-weight:bold}
#docs tr:hover{background:#f8f9fa}#docs tr[hidden]{display:none}
.err{color:#c2255c;font-size:12px}.nolink{color:#888}
.st{font-size:12px;padding:0 4px;border-radius:3px}.st.success{background:#d3f9d8}
.st.partial_success{background:WARN55}.st.failure{background:FAIL}.st.not_a_report{background:#eee}
dl{font-size:12px}dt{font-weight:bold}dd{margin:0 0 4px 1em}
""".replace("FAIL", _hex(FAIL_RGB)).replace("WARN", _hex(WARN_RGB))

INDEX_SCRIPT = r"""
(function(){
const table=document.getElementById('docs'),body=table.tBodies[0],q=document.getElementById('q'),
  show=document.getElementById('show'),shown=document.getElementById('shown');
const rows=[...body.rows];
function val(tr,k){const td=tr.querySelector('td[data-k="'+k+'"]');return td?td.dataset.v:'';}
function num(v){return v!==''&&!isNaN(Number(v));}
let sortKey=null,dir=1;
table.tHead.addEventListener('click',function(e){const th=e.target.closest('th');if(!th)return;
  const k=th.dataset.k;dir=(sortKey===k)?-dir:(th.classList.contains('n')?-1:1);sortKey=k;
  table.tHead.querySelectorAll('th').forEach(h=>h.classList.remove('asc','desc'));th.classList.add(dir>0?'asc':'desc');
  const sorted=rows.slice().sort((a,b)=>{const x=val(a,k),y=val(b,k);
    const c=(num(x)&&num(y))?Number(x)-Number(y):String(x).localeCompare(String(y),'zh');
    return c*dir||(+a.dataset.i)-(+b.dataset.i);});
  sorted.forEach(tr=>body.appendChild(tr));});
function filter(){const words=q.value.trim().toLowerCase().split(/\s+/).filter(Boolean),what=show.value;let n=0;
  rows.forEach(tr=>{const text=tr.textContent.toLowerCase();
    let ok=words.every(w=>text.includes(w));
    if(ok&&what==='look')ok=tr.dataset.look==='1';
    else if(ok&&what==='failure')ok=val(tr,'status')==='failure';
    else if(ok&&what)ok=Number(val(tr,what))>0;
    tr.hidden=!ok;n+=ok;});
  shown.textContent=n+' of '+rows.length+' shown';}
q.addEventListener('input',filter);show.addEventListener('change',filter);filter();
})();
"""
