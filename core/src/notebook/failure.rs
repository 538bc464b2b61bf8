//! Why a run failed, from its output notebook: the first cell with an `error` output (papermill
//! stops there), its first lines of source, and the error with the end of its traceback.

use super::ansi::strip;
use super::model::{CellKind, Notebook, Output};

/// Lines of the failing cell's source shown up front.
pub const SOURCE_LINES: usize = 6;
/// Lines of the traceback shown up front (its end, where the error is).
pub const TRACEBACK_LINES: usize = 8;
/// Characters of the error's value shown up front (the rest behind "show all").
pub const EVALUE_CHARS: usize = 400;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FirstError {
    /// Position of the cell in the notebook (0-based), to scroll to it.
    pub cell: usize,
    /// The cell's `[n]` execution count, when it has one.
    pub execution_count: Option<i64>,
    pub source_head: Vec<String>,
    /// Source lines beyond `source_head`.
    pub source_more: usize,
    pub ename: String,
    pub evalue: String,
    /// The traceback's last lines, escapes removed.
    pub traceback_tail: Vec<String>,
    /// The whole traceback, escapes removed (behind "show all").
    pub traceback: Vec<String>,
}

impl FirstError {
    /// The error's value cut to [`EVALUE_CHARS`], when it is longer.
    pub fn evalue_head(&self) -> Option<String> {
        (self.evalue.chars().count() > EVALUE_CHARS).then(|| {
            format!(
                "{}…",
                self.evalue.chars().take(EVALUE_CHARS).collect::<String>()
            )
        })
    }

    /// Whether the traceback has more lines than its tail.
    pub fn traceback_cut(&self) -> bool {
        self.traceback.len() > self.traceback_tail.len()
    }

    /// "Cell [14]" or "Cell 3" (its position, when it never ran).
    pub fn cell_label(&self) -> String {
        match self.execution_count {
            Some(n) => format!("Cell [{n}]"),
            None => format!("Cell {}", self.cell + 1),
        }
    }
}

pub fn first_error(nb: &Notebook) -> Option<FirstError> {
    nb.cells.iter().enumerate().find_map(|(i, cell)| {
        if cell.kind != CellKind::Code {
            return None;
        }
        cell.outputs.iter().find_map(|o| match o {
            Output::Error {
                ename,
                evalue,
                traceback,
            } => {
                let lines: Vec<&str> = cell.source.lines().collect();
                // A traceback entry may hold several lines; the tail counts lines, not entries.
                let tb: Vec<String> = traceback
                    .iter()
                    .flat_map(|t| strip(t).lines().map(str::to_string).collect::<Vec<_>>())
                    .filter(|l| !l.trim().is_empty())
                    .collect();
                Some(FirstError {
                    cell: i,
                    execution_count: cell.execution_count,
                    source_head: lines
                        .iter()
                        .take(SOURCE_LINES)
                        .map(|l| l.to_string())
                        .collect(),
                    source_more: lines.len().saturating_sub(SOURCE_LINES),
                    ename: strip(ename),
                    evalue: strip(evalue),
                    traceback_tail: tb[tb.len().saturating_sub(TRACEBACK_LINES)..].to_vec(),
                    traceback: tb,
                })
            }
            _ => None,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notebook::model::parse;

    #[test]
    fn the_first_error_cell_with_source_and_traceback_tail() {
        let tb: Vec<String> = (0..12)
            .map(|i| format!("\"\\u001b[0;32mline {i}\\u001b[0m\""))
            .collect();
        let json = format!(
            r#"{{"nbformat":4,"cells":[
            {{"cell_type":"markdown","source":"intro"}},
            {{"cell_type":"code","execution_count":1,"source":"ok()","outputs":[]}},
            {{"cell_type":"markdown","source":"<span style=\"color:red\">An Exception was encountered</span>","outputs":[{{"output_type":"error","ename":"NotThis"}}]}},
            {{"cell_type":"code","execution_count":14,"source":["a\n","b\n","c\n","d\n","e\n","f\n","g\n","h"],"outputs":[
              {{"output_type":"stream","name":"stdout","text":"before"}},
              {{"output_type":"error","ename":"\u001b[0;31mKeyError\u001b[0m","evalue":"'customer_id'","traceback":[{}]}}
            ]}},
            {{"cell_type":"code","execution_count":null,"source":"later()","outputs":[{{"output_type":"error","ename":"Second","evalue":"","traceback":[]}}]}}
        ]}}"#,
            tb.join(",")
        );
        let nb = parse(json.as_bytes()).unwrap();
        let e = first_error(&nb).unwrap();
        assert_eq!(
            (e.cell, e.execution_count, e.cell_label()),
            (3, Some(14), "Cell [14]".to_string())
        );
        assert_eq!(e.source_head, ["a", "b", "c", "d", "e", "f"]);
        assert_eq!(e.source_more, 2);
        assert_eq!(
            (e.ename.as_str(), e.evalue.as_str()),
            ("KeyError", "'customer_id'")
        );
        assert_eq!(e.traceback_tail.len(), TRACEBACK_LINES);
        assert_eq!(e.traceback.len(), 12);
        assert!(e.traceback_cut());
        assert_eq!(e.evalue_head(), None, "a short value is shown whole");
        let long = FirstError {
            evalue: "é".repeat(EVALUE_CHARS + 1),
            ..e.clone()
        };
        let head = long.evalue_head().unwrap();
        assert_eq!(head.chars().count(), EVALUE_CHARS + 1);
        assert!(head.ends_with('…'));
        assert_eq!(e.traceback_tail.last().unwrap(), "line 11");
        assert_eq!(
            first_error(&parse(br#"{"cells":[{"cell_type":"code","outputs":[]}]}"#).unwrap()),
            None
        );
        let unrun = parse(br#"{"cells":[{"cell_type":"code","source":"x","outputs":[{"output_type":"error","ename":"E","evalue":"v"}]}]}"#).unwrap();
        assert_eq!(first_error(&unrun).unwrap().cell_label(), "Cell 1");
    }
}
