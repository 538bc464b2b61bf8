//! The console's signing path, exported for the signing benchmark page (`scripts/bench-signing`).
//!
//! It calls exactly what `aws::call` calls for every request — `sign_json_request` with validated
//! credentials and the resolved endpoint — so the figure is the app's, not a hand-tuned variant.

use emr_core::aws::credentials::Credentials;
use emr_core::aws::endpoint::{aws_endpoint, Endpoint};
use emr_core::aws::region::Region;
use emr_core::aws::signing::{sign_json_request, JsonRequest};
use wasm_bindgen::prelude::*;

/// One DescribeNotebookExecution request, signed over and over.
#[wasm_bindgen]
pub struct Signer {
    request: JsonRequest,
    endpoint: Endpoint,
    region: Region,
    credentials: Credentials,
}

#[wasm_bindgen]
impl Signer {
    /// `region` e.g. `us-east-1`; the credentials as the form would take them.
    #[wasm_bindgen(constructor)]
    pub fn new(
        region: &str,
        access_key_id: &str,
        secret_access_key: &str,
        session_token: &str,
        execution_id: &str,
    ) -> Result<Signer, JsError> {
        let region = Region::parse(region).map_err(|e| JsError::new(&e.to_string()))?;
        let endpoint =
            aws_endpoint(&region, Default::default()).map_err(|e| JsError::new(&e.to_string()))?;
        let credentials = Credentials::new(access_key_id, secret_access_key, session_token)
            .map_err(|e| JsError::new(&e.to_string()))?;
        Ok(Signer {
            request: JsonRequest {
                target: "ElasticMapReduce.DescribeNotebookExecution".into(),
                body: format!(r#"{{"NotebookExecutionId":"{execution_id}"}}"#),
            },
            endpoint,
            region,
            credentials,
        })
    }

    /// The JSON body that is signed (the JS signer must sign the same bytes).
    pub fn body(&self) -> String {
        self.request.body.clone()
    }

    /// Signs `times` times at `epoch_ms` and returns the last `Authorization` header, so nothing
    /// can be optimised away and both signers can be compared byte for byte.
    pub fn sign(&self, times: u32, epoch_ms: f64) -> Result<String, JsError> {
        let mut last = String::new();
        for _ in 0..times {
            let signed = sign_json_request(
                &self.request,
                &self.endpoint,
                &self.region,
                "elasticmapreduce",
                &self.credentials,
                epoch_ms as i64,
            )
            .map_err(|e| JsError::new(&e.to_string()))?;
            last = signed
                .header("authorization")
                .unwrap_or_default()
                .to_string();
        }
        Ok(last)
    }
}
