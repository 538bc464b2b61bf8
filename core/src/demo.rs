//! The local emulator's demo identity, shared by the emulator (which accepts it) and the app
//! (which offers it in one click when served from localhost). Not a secret: it only opens the
//! emulator.

/// Where `scripts/dev` starts the emulator.
pub const ENDPOINT: &str = "http://127.0.0.1:9100";
pub const REGION: &str = "us-east-1";
pub const ACCESS_KEY_ID: &str = "ASIAEMULATORDEMO0001";
pub const SECRET_ACCESS_KEY: &str = "emulator/demo/secret/KEY0000000000000000";
pub const SESSION_TOKEN: &str = "IQoJemulator//demo+session+token=0001";
/// A seeded execution that is running when the emulator starts.
pub const RUNNING_EXECUTION_ID: &str = "ex-DEMORUNNING000000000000000001";
