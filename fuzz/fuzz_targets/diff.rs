//! Two arbitrary notebooks compared (`emr_core::notebook::diff`) and two texts line by line: no
//! panic, every cell of each side aligned exactly once, and an edit script that rebuilds the one
//! from the other.
#![no_main]

use emr_core::notebook::diff::{align, edits, lines, Line, Op};
use emr_core::notebook::model::parse;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (left, right) = data.split_at(data.len() / 2);
    let (ta, tb) = (String::from_utf8_lossy(left), String::from_utf8_lossy(right));
    // Lines: the script keeps a's removed and same lines and b's added and same lines, in order.
    let d = lines(&ta, &tb);
    let a_back: Vec<&str> = d.iter().filter_map(|l| match l { Line::Same(s) | Line::Removed(s) => Some(s.as_str()), Line::Added(_) => None }).collect();
    let b_back: Vec<&str> = d.iter().filter_map(|l| match l { Line::Same(s) | Line::Added(s) => Some(s.as_str()), Line::Removed(_) => None }).collect();
    assert_eq!(a_back, ta.lines().collect::<Vec<_>>());
    assert_eq!(b_back, tb.lines().collect::<Vec<_>>());
    let ops = edits(left, right);
    let rebuilt: Vec<u8> = ops.iter().filter_map(|o| match o { Op::Same(i, _) => Some(left[*i]), Op::Insert(j) => Some(right[*j]), Op::Delete(_) => None }).collect();
    assert_eq!(rebuilt, right);
    if let (Ok(a), Ok(b)) = (parse(left), parse(right)) {
        let rows = align(&a, &b);
        let mut sa: Vec<usize> = rows.iter().filter_map(|r| r.a).collect();
        let mut sb: Vec<usize> = rows.iter().filter_map(|r| r.b).collect();
        sa.sort();
        sb.sort();
        assert_eq!(sa, (0..a.cells.len()).collect::<Vec<_>>());
        assert_eq!(sb, (0..b.cells.len()).collect::<Vec<_>>());
    }
});
