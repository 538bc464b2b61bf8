//! What S3 hands back: any bytes as an output notebook (model, first error, ANSI in every text)
//! and as S3's XML error body. No panic; escapes never survive stripping.
#![no_main]

use emr_core::notebook::ansi::{spans, strip};
use emr_core::notebook::failure::first_error;
use emr_core::notebook::model::{parse, Item, Output};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for s in spans(&text) {
        assert!(!s.text.contains('\u{1b}'));
        let _ = s.style.classes();
    }
    assert!(!strip(&text).contains('\u{1b}'));
    let e = emr_core::s3::parse_error(403, data);
    assert!(!e.code.is_empty());
    if let Ok(nb) = parse(data) {
        let _ = first_error(&nb).map(|e| e.cell_label());
        for cell in &nb.cells {
            for o in &cell.outputs {
                match o {
                    Output::Stream { text, .. } => {
                        let _ = spans(text);
                    }
                    Output::Data { items, .. } => {
                        for i in items {
                            if let Item::Image { base64, .. } = i {
                                assert!(base64.bytes().all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b)));
                            }
                        }
                    }
                    Output::Error { traceback, .. } => {
                        let _ = traceback.iter().map(|t| strip(t)).count();
                    }
                    Output::Unknown(_) => {}
                }
            }
        }
    }
});
