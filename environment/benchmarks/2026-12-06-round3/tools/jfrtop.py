import json,sys,collections
d=json.load(open(sys.argv[1]))
ev=d['recording']['events']
top=collections.Counter(); ours=collections.Counter(); inc=collections.Counter()
n=0
for e in ev:
    th=e['values'].get('sampledThread') or {}
    if th.get('javaName')!='main': continue
    st=e['values'].get('stackTrace')
    if not st: continue
    fr=st['frames']
    if not fr: continue
    n+=1
    def name(f): 
        m=f['method']; return m['type']['name'].replace('/','.')+'.'+m['name']
    top[name(fr[0])]+=1
    for f in fr:
        nm=name(f)
        if nm.startswith('org.backproplab'):
            ours[nm]+=1; break
    seen=set()
    for f in fr:
        nm=name(f)
        if nm.startswith('org.backproplab') and nm not in seen:
            seen.add(nm); inc[nm]+=1
print('samples',n)
for k,v in top.most_common(25): print('%5.1f%% top  %s'%(100*v/n,k))
print()
for k,v in ours.most_common(30): print('%5.1f%% ours %s'%(100*v/n,k))
print()
for k,v in inc.most_common(40): print('%5.1f%% incl %s'%(100*v/n,k))
