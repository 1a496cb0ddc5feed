import AhoCorasick from 'modern-ahocorasick';
import Fast from 'modern-ahocorasick/fast';
const words = 'the of and to in is that for it as was with be by on not he this are or his from at which but have an they you were her she there been one all we their has would when if so no will more can who out said do about what up its into than them only some could'.split(' ');
let parts = [];
let n = 0;
while (n < 10_000_000) { const w = words[(Math.random()*words.length)|0]; parts.push(w); n += w.length+1; if (Math.random()<0.01) parts.push(String(Math.floor(Math.random()*1e9))); }
const text = parts.join(' ');
const terms = [];
for (let i=0;i<2000;i++) terms.push('term' + i.toString(36) + 'x' + (i*7919%1000));
terms.push('confidential','internal only','salary');
for (const [name, C] of [['default', AhoCorasick], ['fast', Fast]]) {
  const ac = new C(terms);
  let t = performance.now();
  const c = ac.count(text);
  let dt = performance.now() - t;
  console.log(name, 'count', c, (10/(dt/1000)).toFixed(1), 'MB/s');
  t = performance.now();
  const s = ac.search(text);
  dt = performance.now() - t;
  console.log(name, 'search', s.length, (10/(dt/1000)).toFixed(1), 'MB/s');
}
let t = performance.now(); const low = text.toLowerCase(); console.log('lower', (10/((performance.now()-t)/1000)).toFixed(0), 'MB/s');
t = performance.now(); let s=0; for (let i=0;i<text.length;i++){ s+= text.charCodeAt(i) & 1; } console.log('loop', (10/((performance.now()-t)/1000)).toFixed(0), 'MB/s', s);
const re = /\b(?:\d[ -]?){13,19}\b/g; t = performance.now(); let m=0; while (re.exec(text)) m++; console.log('card re', (10/((performance.now()-t)/1000)).toFixed(0), 'MB/s', m);
const re2 = /\d{3,}/g; t = performance.now(); m=0; while (re2.exec(text)) m++; console.log('digits re', (10/((performance.now()-t)/1000)).toFixed(0), 'MB/s', m);
