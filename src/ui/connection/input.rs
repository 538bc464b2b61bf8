//! Readers of what users paste into the panel: the credential formats (JSON through serde_json,
//! `export` lines, INI blocks) and execution references (IDs, ARNs, console links). They are a
//! chunk of their own, fetched when a paste box or the ID box gets focus or the pointer, so the
//! first load carries no JSON parser; a paste or a Describe that beats the chunk waits for it.
//! The question a link's endpoint raises comes with them.

use emr_core::connection::ConnectionForm;
use emr_core::emr::locate::{locate, Located};
use leptos::prelude::*;

use super::question::EndpointQuestion;
use crate::ui::common::lazy::ViewFn;

/// What the chunk hands back.
#[derive(Clone, Copy)]
pub struct Readers {
    /// Fills the form from pasted credentials: what it recognised, or the problem with the text.
    pub paste: fn(&mut ConnectionForm, &str) -> Result<&'static str, String>,
    /// An execution ID, its ARN or a link to this console (with the region it names).
    pub locate: fn(&str) -> Option<Located>,
    /// The question an Endpoint URL a link brought raises.
    pub question: ViewFn,
}

crate::edge::split::split_point!(input:
    /// The panel's readers.
    pub fn readers() -> Readers {
        Readers {
            paste: |form, text| form.apply_paste(text).map(|f| f.describe()).map_err(|e| e.to_string()),
            locate: |text| locate(text).ok(),
            question: || view! { <EndpointQuestion/> }.into_any(),
        }
    }
);
