//! Two notebooks side by side: cells aligned by position and source (a cell that is the same in
//! both, one that changed in place, one inserted, deleted or moved), and each changed cell's source
//! as a line diff. Pure and fuzzed: both notebooks are outside input.
//!
//! Both use Myers' difference algorithm over hashed items, which is fast when the two are mostly
//! alike (the usual case: one run against the last good one). Past [`MAX_EDITS`] differences it
//! stops looking for the shortest script and treats the rest as replaced, so a comparison of two
//! unrelated 2,000-cell notebooks stays quick and small.

use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use super::model::{Cell, CellKind, Notebook};

/// The most differences the shortest edit script is searched for.
pub const MAX_EDITS: usize = 500;

/// One step of an edit script from `a` to `b`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// `a[i] == b[j]`.
    Same(usize, usize),
    /// `a[i]` is not in `b`.
    Delete(usize),
    /// `b[j]` is not in `a`.
    Insert(usize),
}

/// An edit script from `a` to `b` (short, the shortest while it has at most [`MAX_EDITS`] steps).
pub fn edits<T: PartialEq>(a: &[T], b: &[T]) -> Vec<Op> {
    // Common ends first: cheap, and what most comparisons are made of.
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (am, bm) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut out: Vec<Op> = (0..prefix).map(|i| Op::Same(i, i)).collect();
    match myers(am, bm) {
        Some(middle) => out.extend(middle.into_iter().map(|op| match op {
            Op::Same(i, j) => Op::Same(i + prefix, j + prefix),
            Op::Delete(i) => Op::Delete(i + prefix),
            Op::Insert(j) => Op::Insert(j + prefix),
        })),
        None => {
            out.extend((0..am.len()).map(|i| Op::Delete(i + prefix)));
            out.extend((0..bm.len()).map(|j| Op::Insert(j + prefix)));
        }
    }
    out.extend((0..suffix).map(|k| Op::Same(a.len() - suffix + k, b.len() - suffix + k)));
    out
}

/// Myers' O((N+M)·D) shortest edit script, or `None` past [`MAX_EDITS`].
fn myers<T: PartialEq>(a: &[T], b: &[T]) -> Option<Vec<Op>> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let max = (n + m) as usize;
    if max == 0 {
        return Some(vec![]);
    }
    let limit = max.min(MAX_EDITS);
    let offset = limit as isize + 1;
    let mut v = vec![0isize; 2 * limit + 3];
    let mut trace: Vec<Vec<isize>> = Vec::new();
    for d in 0..=limit as isize {
        trace.push(v.clone());
        let mut k = -d;
        while k <= d {
            let idx = (k + offset) as usize;
            let mut x = if k == -d || (k != d && v[idx - 1] < v[idx + 1]) {
                v[idx + 1]
            } else {
                v[idx - 1] + 1
            };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            v[idx] = x;
            if x >= n && y >= m {
                return Some(backtrack(&trace, offset, n, m, d));
            }
            k += 2;
        }
    }
    None
}

fn backtrack(trace: &[Vec<isize>], offset: isize, n: isize, m: isize, d_end: isize) -> Vec<Op> {
    let mut ops = Vec::new();
    let (mut x, mut y) = (n, m);
    for d in (1..=d_end).rev() {
        let v = &trace[d as usize];
        let k = x - y;
        let idx = |k: isize| (k + offset) as usize;
        let prev_k = if k == -d || (k != d && v[idx(k - 1)] < v[idx(k + 1)]) {
            k + 1
        } else {
            k - 1
        };
        let prev_x = v[idx(prev_k)];
        let prev_y = prev_x - prev_k;
        while x > prev_x && y > prev_y {
            ops.push(Op::Same((x - 1) as usize, (y - 1) as usize));
            x -= 1;
            y -= 1;
        }
        if x == prev_x {
            ops.push(Op::Insert((y - 1) as usize));
        } else {
            ops.push(Op::Delete((x - 1) as usize));
        }
        x = prev_x;
        y = prev_y;
    }
    while x > 0 && y > 0 {
        ops.push(Op::Same((x - 1) as usize, (y - 1) as usize));
        x -= 1;
        y -= 1;
    }
    ops.reverse();
    ops
}

/// One line of a line diff.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Line {
    Same(String),
    Removed(String),
    Added(String),
}

/// `a` to `b`, line by line.
pub fn lines(a: &str, b: &str) -> Vec<Line> {
    let (la, lb): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    edits(&la, &lb)
        .into_iter()
        .map(|op| match op {
            Op::Same(i, _) => Line::Same(la[i].to_string()),
            Op::Delete(i) => Line::Removed(la[i].to_string()),
            Op::Insert(j) => Line::Added(lb[j].to_string()),
        })
        .collect()
}

/// How a cell of one notebook stands against the other.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellChange {
    Same,
    /// At the same place, with another source (or kind).
    Changed,
    /// Only in `b`.
    Inserted,
    /// Only in `a`.
    Deleted,
    /// The same source, elsewhere.
    Moved,
}

impl CellChange {
    /// `data-change`.
    pub fn id(self) -> &'static str {
        match self {
            CellChange::Same => "same",
            CellChange::Changed => "changed",
            CellChange::Inserted => "added",
            CellChange::Deleted => "removed",
            CellChange::Moved => "moved",
        }
    }
}

/// A row of the side-by-side view: the cell of `a`, of `b`, or both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Aligned {
    pub a: Option<usize>,
    pub b: Option<usize>,
    pub change: CellChange,
}

fn cell_key(c: &Cell) -> u64 {
    let mut h = DefaultHasher::new();
    matches!(c.kind, CellKind::Code).hash(&mut h);
    matches!(c.kind, CellKind::Markdown).hash(&mut h);
    c.source.trim_end().hash(&mut h);
    h.finish()
}

/// The cells of `a` and `b` aligned: equal cells matched, the cells between two matches paired
/// by position (changed), the rest inserted or deleted, and an inserted and a deleted cell with
/// the same source marked moved.
pub fn align(a: &Notebook, b: &Notebook) -> Vec<Aligned> {
    let ka: Vec<u64> = a.cells.iter().map(cell_key).collect();
    let kb: Vec<u64> = b.cells.iter().map(cell_key).collect();
    let ops = edits(&ka, &kb);
    let mut out = Vec::with_capacity(ops.len());
    let (mut dels, mut ins) = (Vec::new(), Vec::new());
    let flush = |out: &mut Vec<Aligned>, dels: &mut Vec<usize>, ins: &mut Vec<usize>| {
        let paired = dels.len().min(ins.len());
        for k in 0..paired {
            out.push(Aligned {
                a: Some(dels[k]),
                b: Some(ins[k]),
                change: CellChange::Changed,
            });
        }
        out.extend(dels[paired..].iter().map(|&i| Aligned {
            a: Some(i),
            b: None,
            change: CellChange::Deleted,
        }));
        out.extend(ins[paired..].iter().map(|&j| Aligned {
            a: None,
            b: Some(j),
            change: CellChange::Inserted,
        }));
        dels.clear();
        ins.clear();
    };
    for op in ops {
        match op {
            Op::Same(i, j) => {
                flush(&mut out, &mut dels, &mut ins);
                out.push(Aligned {
                    a: Some(i),
                    b: Some(j),
                    change: CellChange::Same,
                });
            }
            Op::Delete(i) => dels.push(i),
            Op::Insert(j) => ins.push(j),
        }
    }
    flush(&mut out, &mut dels, &mut ins);
    // A deleted cell whose source was inserted elsewhere moved: both sides say so.
    let mut inserted: HashMap<u64, Vec<usize>> = HashMap::new();
    for (pos, row) in out.iter().enumerate() {
        if let (CellChange::Inserted, Some(j)) = (row.change, row.b) {
            inserted.entry(kb[j]).or_default().push(pos);
        }
    }
    let moves: Vec<(usize, usize)> = out
        .iter()
        .enumerate()
        .filter_map(|(pos, row)| match (row.change, row.a) {
            (CellChange::Deleted, Some(i)) => Some((pos, ka[i])),
            _ => None,
        })
        .filter_map(|(pos, key)| {
            let partner = inserted.get_mut(&key)?.pop()?;
            Some((pos, partner))
        })
        .collect();
    for (d, i) in moves {
        out[d].change = CellChange::Moved;
        out[i].change = CellChange::Moved;
    }
    out
}

/// How many aligned rows differ.
pub fn changed(rows: &[Aligned]) -> usize {
    rows.iter().filter(|r| r.change != CellChange::Same).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notebook::model::parse;

    fn nb(cells: &[(&str, &str)]) -> Notebook {
        let cells: Vec<String> = cells
            .iter()
            .map(|(kind, src)| {
                format!(
                    r#"{{"cell_type":"{kind}","source":{},"outputs":[]}}"#,
                    serde_json::to_string(src).unwrap()
                )
            })
            .collect();
        parse(format!(r#"{{"nbformat":4,"cells":[{}]}}"#, cells.join(",")).as_bytes()).unwrap()
    }

    fn changes(rows: &[Aligned]) -> Vec<(Option<usize>, Option<usize>, &'static str)> {
        rows.iter().map(|r| (r.a, r.b, r.change.id())).collect()
    }

    #[test]
    fn edit_scripts_are_short_and_valid() {
        let a: Vec<char> = "ABCABBA".chars().collect();
        let b: Vec<char> = "CBABAC".chars().collect();
        let ops = edits(&a, &b);
        let steps = ops.iter().filter(|o| !matches!(o, Op::Same(..))).count();
        assert_eq!(steps, 5, "Myers' example has a 5-step script");
        // The script rebuilds b from a.
        let rebuilt: String = ops
            .iter()
            .filter_map(|o| match o {
                Op::Same(i, _) => Some(a[*i]),
                Op::Insert(j) => Some(b[*j]),
                Op::Delete(_) => None,
            })
            .collect();
        assert_eq!(rebuilt, "CBABAC");
        assert_eq!(edits::<u8>(&[], &[]), vec![]);
        assert_eq!(edits(&[1], &[]), vec![Op::Delete(0)]);
        // Unrelated and long: replaced wholesale past the limit, still valid.
        let x: Vec<u32> = (0..3_000).collect();
        let y: Vec<u32> = (10_000..13_000).collect();
        let ops = edits(&x, &y);
        assert_eq!(ops.len(), 6_000);
    }

    #[test]
    fn line_diffs() {
        let d = lines("a\nb\nc\n", "a\nB\nc\nd");
        assert_eq!(
            d,
            [
                Line::Same("a".into()),
                Line::Removed("b".into()),
                Line::Added("B".into()),
                Line::Same("c".into()),
                Line::Added("d".into())
            ]
        );
        assert_eq!(lines("", ""), []);
        assert_eq!(lines("ünï\n", "ünï"), [Line::Same("ünï".into())]);
    }

    #[test]
    fn cells_same_changed_inserted_deleted_moved() {
        let a = nb(&[
            ("markdown", "# Report"),
            ("code", "params = {}"),
            ("code", "df = load()"),
            ("code", "df.show()"),
            ("code", "plot()"),
        ]);
        let b = nb(&[
            ("markdown", "# Report"),
            ("code", "params = {}"),
            ("code", "df = load(region)"),
            ("code", "plot()"),
            ("code", "df.show()"),
            ("code", "save()"),
        ]);
        let rows = align(&a, &b);
        let got = changes(&rows);
        assert!(got.contains(&(Some(0), Some(0), "same")));
        assert!(got.contains(&(Some(2), Some(2), "changed")), "{got:?}");
        assert!(got.contains(&(None, Some(5), "added")), "{got:?}");
        let moved: Vec<_> = got.iter().filter(|r| r.2 == "moved").collect();
        assert_eq!(
            moved.len(),
            2,
            "one cell moved: both its sides say so: {got:?}"
        );
        // Every cell of both sides appears exactly once.
        for (side, n) in [(0, a.cells.len()), (1, b.cells.len())] {
            let mut seen: Vec<usize> = rows
                .iter()
                .filter_map(|r| if side == 0 { r.a } else { r.b })
                .collect();
            seen.sort();
            assert_eq!(seen, (0..n).collect::<Vec<_>>());
        }
        assert_eq!(changed(&align(&a, &a)), 0);
        assert_eq!(
            changes(&align(&nb(&[]), &nb(&[("code", "x")]))),
            [(None, Some(0), "added")]
        );
        assert_eq!(align(&nb(&[]), &nb(&[])), []);
        // The kind counts: the same text as markdown and as code differ.
        assert_eq!(
            changes(&align(&nb(&[("markdown", "x")]), &nb(&[("code", "x")]))),
            [(Some(0), Some(0), "changed")]
        );
    }
}
