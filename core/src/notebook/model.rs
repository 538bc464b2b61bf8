//! nbformat 4 as the output notebooks EMR (papermill) writes: cells with their source and outputs.
//!
//! Parsed leniently: `source` and `text` may be a string or a list of strings, members may be
//! missing, output and cell types this build does not know are kept as such, and mime-bundle
//! values that are not text (JSON for widgets) are noted, not parsed. Nothing here is trusted:
//! the view shows every string as text.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, SeqAccess, Visitor};
use serde::Deserialize;

/// Lines as nbformat stores them: one string, or a list of strings to join.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MultiLine(pub String);

impl<'de> Deserialize<'de> for MultiLine {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(MultiLineVisitor).map(MultiLine)
    }
}

struct MultiLineVisitor;

impl<'de> Visitor<'de> for MultiLineVisitor {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or a list of strings")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }

    fn visit_unit<E: de::Error>(self) -> Result<String, E> {
        Ok(String::new())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<String, A::Error> {
        let mut out = String::new();
        while let Some(part) = seq.next_element::<Part>()? {
            out.push_str(&part.0);
        }
        Ok(out)
    }
}

/// One element of a list of lines (a non-string element is skipped, not an error).
struct Part(String);

impl<'de> Deserialize<'de> for Part {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = String;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
                Ok(v.to_string())
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
                Ok(v)
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<String, E> {
                Ok(String::new())
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<String, E> {
                Ok(String::new())
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<String, E> {
                Ok(String::new())
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<String, E> {
                Ok(String::new())
            }
            fn visit_unit<E: de::Error>(self) -> Result<String, E> {
                Ok(String::new())
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<String, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(String::new())
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<String, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(String::new())
            }
        }
        d.deserialize_any(V).map(Part)
    }
}

/// A mime-bundle value: text, or something structured (JSON) that is noted but not shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MimeValue {
    Text(String),
    Structured,
}

impl<'de> Deserialize<'de> for MimeValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = MimeValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mime-bundle value")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<MimeValue, E> {
                Ok(MimeValue::Text(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<MimeValue, E> {
                Ok(MimeValue::Text(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<MimeValue, A::Error> {
                MultiLineVisitor.visit_seq(seq).map(MimeValue::Text)
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<MimeValue, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(MimeValue::Structured)
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<MimeValue, E> {
                Ok(MimeValue::Structured)
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<MimeValue, E> {
                Ok(MimeValue::Structured)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<MimeValue, E> {
                Ok(MimeValue::Structured)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<MimeValue, E> {
                Ok(MimeValue::Structured)
            }
            fn visit_unit<E: de::Error>(self) -> Result<MimeValue, E> {
                Ok(MimeValue::Structured)
            }
        }
        d.deserialize_any(V)
    }
}

/// Members default when missing (no `Option`s: each would be one more deserializer in the bundle).
#[derive(Deserialize, Default)]
struct RawOutput {
    #[serde(default)]
    output_type: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    text: MultiLine,
    #[serde(default)]
    data: BTreeMap<String, MimeValue>,
    #[serde(default)]
    execution_count: Option<i64>,
    #[serde(default)]
    ename: MultiLine,
    #[serde(default)]
    evalue: MultiLine,
    #[serde(default)]
    traceback: Lines,
}

/// A list of strings; other members are skipped.
#[derive(Default)]
struct Lines(Vec<String>);

impl<'de> Deserialize<'de> for Lines {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Vec<String>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of strings")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
                let mut out = Vec::new();
                while let Some(p) = seq.next_element::<Part>()? {
                    out.push(p.0);
                }
                Ok(out)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<String>, E> {
                Ok(vec![v.to_string()])
            }
            fn visit_unit<E: de::Error>(self) -> Result<Vec<String>, E> {
                Ok(vec![])
            }
        }
        d.deserialize_any(V).map(Lines)
    }
}

#[derive(Deserialize, Default)]
struct RawCell {
    #[serde(default)]
    cell_type: String,
    #[serde(default)]
    source: MultiLine,
    #[serde(default)]
    execution_count: Option<i64>,
    #[serde(default)]
    outputs: Vec<RawOutput>,
    #[serde(default)]
    metadata: RawCellMetadata,
}

#[derive(Deserialize, Default)]
struct RawCellMetadata {
    /// Anything but a list of strings counts as no tags.
    #[serde(default, deserialize_with = "lenient_tags")]
    tags: Vec<String>,
}

fn lenient_tags<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let v = serde_json::Value::deserialize(d)?;
    Ok(v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|t| t.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default())
}

#[derive(Deserialize)]
struct RawNotebook {
    /// Missing: assumed 4 (what every notebook this decade is).
    #[serde(default = "four")]
    nbformat: u32,
    #[serde(default)]
    cells: Option<Vec<RawCell>>,
}

fn four() -> u32 {
    4
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CellKind {
    Code,
    Markdown,
    Raw,
    Other(String),
}

/// One item of a display_data / execute_result bundle, the richest safe form first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    Plain(String),
    /// `image/png` or `image/jpeg`, base64 (validated: only base64 characters).
    Image {
        mime: &'static str,
        base64: String,
    },
    /// `text/html`: shown as source text, never as markup.
    Html(String),
    Markdown(String),
    /// Anything else (SVG, JSON, widgets…): named, shown as text when it is text.
    Other {
        mime: String,
        text: Option<String>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Output {
    Stream {
        stderr: bool,
        text: String,
    },
    Data {
        result: bool,
        execution_count: Option<i64>,
        items: Vec<Item>,
    },
    Error {
        ename: String,
        evalue: String,
        traceback: Vec<String>,
    },
    Unknown(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub kind: CellKind,
    pub source: String,
    pub execution_count: Option<i64>,
    pub outputs: Vec<Output>,
    /// The parameters cell papermill inserts (tagged `injected-parameters`): a comparison shows
    /// the parameters key by key instead.
    pub injected: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Notebook {
    pub cells: Vec<Cell>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotebookError {
    /// Not JSON: where it broke.
    NotJson { line: usize, column: usize },
    /// JSON, but not a notebook (no `cells`).
    NotANotebook,
    /// An nbformat older than 4.
    OldFormat(u32),
}

impl fmt::Display for NotebookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotebookError::NotJson { line, column } => write!(f, "The file is not a notebook: it is not valid JSON (line {line}, column {column})."),
            NotebookError::NotANotebook => f.write_str("The file is JSON but not a Jupyter notebook (it has no cells)."),
            NotebookError::OldFormat(v) => write!(f, "This is an nbformat {v} notebook; only nbformat 4 can be shown here (Download it instead)."),
        }
    }
}

impl std::error::Error for NotebookError {}

/// Keeps `b` if it is only base64 (whitespace and newlines removed), else `None`.
fn base64(b: &str) -> Option<String> {
    let clean: String = b.chars().filter(|c| !c.is_whitespace()).collect();
    (!clean.is_empty()
        && clean
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'=')))
    .then_some(clean)
}

fn items(data: BTreeMap<String, MimeValue>) -> Vec<Item> {
    let text_of = |mime: &str| {
        data.get(mime).and_then(|v| match v {
            MimeValue::Text(t) => Some(t.clone()),
            MimeValue::Structured => None,
        })
    };
    let mut out = Vec::new();
    for mime in ["image/png", "image/jpeg"] {
        if let Some(b) = text_of(mime).as_deref().and_then(base64) {
            out.push(Item::Image {
                mime: if mime == "image/png" {
                    "image/png"
                } else {
                    "image/jpeg"
                },
                base64: b,
            });
        }
    }
    if let Some(h) = text_of("text/html") {
        out.push(Item::Html(h));
    }
    if let Some(m) = text_of("text/markdown") {
        out.push(Item::Markdown(m));
    }
    for (mime, value) in &data {
        if matches!(
            mime.as_str(),
            "image/png" | "image/jpeg" | "text/html" | "text/markdown" | "text/plain"
        ) {
            continue;
        }
        let text = match value {
            MimeValue::Text(t) => Some(t.clone()),
            MimeValue::Structured => None,
        };
        out.push(Item::Other {
            mime: mime.clone(),
            text,
        });
    }
    if let Some(p) = text_of("text/plain") {
        // Plain text is the fallback: shown when nothing richer is there.
        if out.is_empty() || out.iter().all(|i| matches!(i, Item::Other { .. })) {
            out.insert(0, Item::Plain(p));
        }
    }
    out
}

fn output(raw: RawOutput) -> Output {
    match raw.output_type.as_str() {
        "stream" => Output::Stream {
            stderr: raw.name == "stderr",
            text: raw.text.0,
        },
        "execute_result" | "display_data" => Output::Data {
            result: raw.output_type == "execute_result",
            execution_count: raw.execution_count,
            items: items(raw.data),
        },
        "error" => Output::Error {
            ename: raw.ename.0,
            evalue: raw.evalue.0,
            traceback: raw.traceback.0,
        },
        other => Output::Unknown(crate::format::shorten(other, 60)),
    }
}

pub fn parse(bytes: &[u8]) -> Result<Notebook, NotebookError> {
    let raw: RawNotebook = serde_json::from_slice(bytes).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => NotebookError::NotANotebook,
        _ => NotebookError::NotJson {
            line: e.line(),
            column: e.column(),
        },
    })?;
    if raw.nbformat < 4 {
        return Err(NotebookError::OldFormat(raw.nbformat));
    }
    let cells = raw.cells.ok_or(NotebookError::NotANotebook)?;
    Ok(Notebook {
        cells: cells
            .into_iter()
            .map(|c| Cell {
                kind: match c.cell_type.as_str() {
                    "code" => CellKind::Code,
                    "markdown" => CellKind::Markdown,
                    "raw" => CellKind::Raw,
                    other => CellKind::Other(crate::format::shorten(other, 40)),
                },
                source: c.source.0,
                execution_count: c.execution_count,
                outputs: c.outputs.into_iter().map(output).collect(),
                injected: c.metadata.tags.iter().any(|t| t == "injected-parameters"),
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cell_and_output_kind() {
        let nb = parse(
            br##"{"nbformat":4,"nbformat_minor":5,"metadata":{},"cells":[
            {"cell_type":"markdown","source":["# Title\n","text"]},
            {"cell_type":"code","execution_count":3,"source":"x = 1","outputs":[
              {"output_type":"stream","name":"stdout","text":["a\n","b"]},
              {"output_type":"stream","name":"stderr","text":"warn"},
              {"output_type":"execute_result","execution_count":3,"data":{"text/plain":["1"]}},
              {"output_type":"display_data","data":{"image/png":"iVBORw0K\nGgo=","text/plain":"<Figure>"}},
              {"output_type":"display_data","data":{"text/html":"<b>x</b>","application/json":{"a":1},"image/svg+xml":"<svg onload=x>"}},
              {"output_type":"error","ename":"ValueError","evalue":"bad","traceback":["\u001b[0;31mValueError\u001b[0m: bad"]},
              {"output_type":"future_kind"}
            ]},
            {"cell_type":"raw","source":[]},
            {"cell_type":"sql"},
            {}
        ]}"##,
        )
        .unwrap();
        assert_eq!(nb.cells.len(), 5);
        assert_eq!(
            (nb.cells[0].kind.clone(), nb.cells[0].source.as_str()),
            (CellKind::Markdown, "# Title\ntext")
        );
        let c = &nb.cells[1];
        assert_eq!(
            (c.kind.clone(), c.execution_count, c.source.as_str()),
            (CellKind::Code, Some(3), "x = 1")
        );
        assert_eq!(
            c.outputs[0],
            Output::Stream {
                stderr: false,
                text: "a\nb".into()
            }
        );
        assert_eq!(
            c.outputs[1],
            Output::Stream {
                stderr: true,
                text: "warn".into()
            }
        );
        assert_eq!(
            c.outputs[2],
            Output::Data {
                result: true,
                execution_count: Some(3),
                items: vec![Item::Plain("1".into())]
            }
        );
        assert_eq!(
            c.outputs[3],
            Output::Data {
                result: false,
                execution_count: None,
                items: vec![Item::Image {
                    mime: "image/png",
                    base64: "iVBORw0KGgo=".into()
                }]
            }
        );
        let Output::Data { items, .. } = &c.outputs[4] else {
            panic!()
        };
        assert_eq!(items[0], Item::Html("<b>x</b>".into()));
        assert!(items.contains(&Item::Other {
            mime: "application/json".into(),
            text: None
        }));
        assert!(items.contains(&Item::Other {
            mime: "image/svg+xml".into(),
            text: Some("<svg onload=x>".into())
        }));
        assert!(matches!(&c.outputs[5], Output::Error { ename, .. } if ename == "ValueError"));
        assert_eq!(c.outputs[6], Output::Unknown("future_kind".into()));
        assert_eq!(nb.cells[2].kind, CellKind::Raw);
        assert_eq!(nb.cells[3].kind, CellKind::Other("sql".into()));
        assert_eq!(nb.cells[4].kind, CellKind::Other(String::new()));
    }

    #[test]
    fn images_must_be_base64() {
        let nb = parse(br#"{"nbformat":4,"cells":[{"cell_type":"code","outputs":[{"output_type":"display_data","data":{"image/png":"\"><script>","text/plain":"fallback"}}]}]}"#).unwrap();
        assert_eq!(
            nb.cells[0].outputs[0],
            Output::Data {
                result: false,
                execution_count: None,
                items: vec![Item::Plain("fallback".into())]
            }
        );
    }

    #[test]
    fn what_is_not_a_notebook() {
        assert_eq!(
            parse(b"<html>"),
            Err(NotebookError::NotJson { line: 1, column: 1 })
        );
        assert_eq!(parse(br#"{"a":1}"#), Err(NotebookError::NotANotebook));
        assert_eq!(
            parse(br#"{"nbformat":3,"worksheets":[]}"#),
            Err(NotebookError::OldFormat(3))
        );
        assert_eq!(
            parse(br#"{"cells":"no"}"#),
            Err(NotebookError::NotANotebook)
        );
        assert!(NotebookError::OldFormat(3)
            .to_string()
            .contains("only nbformat 4"));
        // Lists of lines may hold odd members; they are skipped.
        let nb = parse(br#"{"cells":[{"cell_type":"code","source":["a",1,null,{"x":[1]},"b"]}]}"#)
            .unwrap();
        assert_eq!(nb.cells[0].source, "ab");
    }
}
