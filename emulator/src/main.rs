//! `emr-emulator`: a local EMR (notebook executions) for the demo and the end-to-end tests.

use std::net::{IpAddr, SocketAddr};

use emr_emulator::emulator::Config;
use emr_emulator::faults::Fault;
use emr_emulator::identity::Identity;
use emr_emulator::{seed, server};

const USAGE: &str = "\
emr-emulator — a local Amazon EMR for notebook executions (and S3 presigned GETs of their output)

USAGE: emr-emulator [OPTIONS]

  --bind ADDR          address to listen on (default 127.0.0.1)
  --port N             port (default 9100; 0 picks a free one)
  --port-file PATH     write the chosen port to PATH once listening
  --region NAME        the region this endpoint serves (default us-east-1)
  --regions A,B,…      serve several regions, each with its own executions (the first is the main one;
                       the others get a few seeded executions: GET /__emulator/seeds lists them)
  --not-enabled NAME   a region that answers like an opt-in region the account has not enabled
                       (UnrecognizedClientException), repeatable
  --speed X            run every lifecycle phase X times faster (default 1)
  --frozen             executions change state only through POST /__emulator/clock {\"advance_ms\":…}
  --clock-offset D     the server clock is off by D (e.g. 40m, -40m, 90s, 1500ms)
  --fault SPEC         inject a fault, repeatable: throttle|5xx|latency|drop with
                       ,id=EXECUTION_ID ,op=OPERATION ,rate=0..1 ,times=N ,ms=N ,status=N ,code=CODE
                       e.g. --fault throttle,id=ex-…,times=2   --fault 5xx,rate=0.1   --fault latency,ms=2000
  --identities FILE    JSON list of identities instead of the built-in demo/test ones
  --seed-count N       seed N generated executions over the last 28 days instead of the default
                       week and history (the well-known ones stay), e.g. 5000 for scale tests
  --cluster ID         a cluster StartNotebookExecution accepts (repeatable; the seeded j-… ones are known)
  --editor ID          an editor (EMR Studio workspace) it accepts (repeatable; the seeded e-… ones are known)
  --s3-cors on|off     whether the S3 side answers CORS (default on; off is a bucket without a CORS
                       rule: the page can show HTML outputs and download, but cannot fetch notebooks)
  --allow-origin O     a web page origin that may call it (repeatable; default the dev page,
                       http://127.0.0.1:8080 and http://localhost:8080; http://127.0.0.1:* allows
                       any port). Other sites' pages get 403: they cannot use the demo credentials
  --no-seed            start with no executions
  -h, --help           this text
";

fn parse_duration_ms(s: &str) -> Result<i64, String> {
    let (num, unit) = s
        .find(|c: char| c.is_ascii_alphabetic())
        .map(|i| s.split_at(i))
        .unwrap_or((s, "ms"));
    let n: f64 = num
        .parse()
        .map_err(|_| format!("'{s}' is not a duration like 40m, 90s or 1500ms"))?;
    let factor = match unit {
        "ms" => 1.0,
        "s" => 1_000.0,
        "m" | "min" => 60_000.0,
        "h" => 3_600_000.0,
        _ => return Err(format!("unknown unit in '{s}' (ms, s, m, h)")),
    };
    Ok((n * factor).round() as i64)
}

fn parse_args() -> Result<(SocketAddr, Option<String>, Config), String> {
    let mut config = Config::default();
    let mut bind: IpAddr = [127, 0, 0, 1].into();
    let mut port: u16 = 9100;
    let mut port_file = None;
    let mut allowed_origins: Vec<String> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "-h" | "--help" => {
                print!("{USAGE}");
                std::process::exit(0);
            }
            "--bind" => {
                bind = value("--bind")?
                    .parse()
                    .map_err(|_| "--bind needs an IP address".to_string())?
            }
            "--port" => {
                port = value("--port")?
                    .parse()
                    .map_err(|_| "--port needs a number 0-65535".to_string())?
            }
            "--port-file" => port_file = Some(value("--port-file")?),
            "--region" => {
                let r = value("--region")?;
                emr_core::aws::region::Region::parse(&r).map_err(|e| e.to_string())?;
                config.region = r;
            }
            "--regions" => {
                let list = value("--regions")?;
                let mut regions = Vec::new();
                for r in list.split(',').map(str::trim).filter(|r| !r.is_empty()) {
                    emr_core::aws::region::Region::parse(r).map_err(|e| e.to_string())?;
                    regions.push(r.to_string());
                }
                let (first, rest) = regions
                    .split_first()
                    .ok_or("--regions needs at least one region")?;
                config.region = first.clone();
                config.extra_regions = rest.to_vec();
            }
            "--not-enabled" => {
                let r = value("--not-enabled")?;
                emr_core::aws::region::Region::parse(&r).map_err(|e| e.to_string())?;
                config.not_enabled.push(r);
            }
            "--speed" => {
                config.speed = value("--speed")?
                    .parse::<f64>()
                    .ok()
                    .filter(|s| *s > 0.0)
                    .ok_or("--speed needs a positive number")?;
            }
            "--frozen" => config.frozen = true,
            "--clock-offset" => {
                config.server_offset_ms = parse_duration_ms(&value("--clock-offset")?)?
            }
            "--fault" => config.faults.push(Fault::parse_spec(&value("--fault")?)?),
            "--identities" => {
                let path = value("--identities")?;
                let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
                config.identities = serde_json::from_str::<Vec<Identity>>(&text)
                    .map_err(|e| format!("{path}: {e}"))?;
            }
            "--no-seed" => config.seed = false,
            "--allow-origin" => {
                let o = value("--allow-origin")?;
                if !(o.starts_with("http://") || o.starts_with("https://")) || o.ends_with('/') {
                    return Err(format!(
                        "--allow-origin needs an origin like http://127.0.0.1:8080, not '{o}'"
                    ));
                }
                if allowed_origins.is_empty() {
                    config.allowed_origins.clear();
                }
                allowed_origins.push(o.clone());
                config.allowed_origins.push(o);
            }
            "--s3-cors" => {
                config.s3_cors = match value("--s3-cors")?.as_str() {
                    "on" => true,
                    "off" => false,
                    other => return Err(format!("--s3-cors takes on or off, not '{other}'")),
                }
            }
            "--cluster" => {
                let c = value("--cluster")?;
                if !emr_core::emr::links::is_cluster_id(&c) {
                    return Err(format!(
                        "--cluster needs a cluster id like j-1K48XXXXXXHCB, not '{c}'"
                    ));
                }
                config.clusters.push(c);
            }
            "--editor" => {
                let e = value("--editor")?;
                if !e.starts_with("e-")
                    || e.len() < 3
                    || !e[2..].bytes().all(|b| b.is_ascii_alphanumeric())
                {
                    return Err(format!(
                        "--editor needs an editor id like e-ABCDEFGHIJK1234567890ABCD, not '{e}'"
                    ));
                }
                config.editors.push(e);
            }
            "--seed-count" => {
                config.seed_count = Some(
                    value("--seed-count")?
                        .parse::<usize>()
                        .ok()
                        .filter(|n| *n <= 1_000_000)
                        .ok_or("--seed-count needs a number up to 1000000")?,
                )
            }
            other => return Err(format!("unknown option '{other}'\n\n{USAGE}")),
        }
    }
    Ok((SocketAddr::new(bind, port), port_file, config))
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let (addr, port_file, config) = match parse_args() {
        Ok(v) => v,
        Err(e) => {
            eprintln!("emr-emulator: {e}");
            std::process::exit(2);
        }
    };
    if !addr.ip().is_loopback() {
        eprintln!("emr-emulator: warning: listening on {} — anyone who can reach it can use the demo credentials", addr.ip());
    }
    let region = config.region.clone();
    let identities = config.identities.clone();
    let running = match server::start(addr, config).await {
        Ok(r) => r,
        Err(e) => {
            eprintln!("emr-emulator: cannot listen on {addr}: {e}");
            std::process::exit(1);
        }
    };
    if let Some(path) = port_file {
        if let Err(e) = std::fs::write(&path, running.addr.port().to_string()) {
            eprintln!("emr-emulator: cannot write {path}: {e}");
        }
    }
    println!(
        "EMR emulator listening on {} (region {region})",
        running.url()
    );
    println!("  identities:");
    for i in &identities {
        let notes = match (i.expired, i.denied_actions.is_empty()) {
            (true, _) => " (expired)".to_string(),
            (false, false) => format!(" (denied: {})", i.denied_actions.join(", ")),
            _ => String::new(),
        };
        println!("    {}{notes}", i.access_key_id);
    }
    println!("  well-known executions:");
    for (label, id) in seed::well_known()
        .into_iter()
        .chain(seed::recurring_known())
    {
        println!("    {id}  {label}");
    }
    println!(
        "  control: {}/__emulator/health (send X-Emulator-Control: 1)",
        running.url()
    );
    let _ = tokio::signal::ctrl_c().await;
    running.task.abort();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration_ms("40m"), Ok(2_400_000));
        assert_eq!(parse_duration_ms("-40m"), Ok(-2_400_000));
        assert_eq!(parse_duration_ms("90s"), Ok(90_000));
        assert_eq!(parse_duration_ms("1500"), Ok(1_500));
        assert!(parse_duration_ms("soon").is_err());
        assert!(parse_duration_ms("3y").is_err());
    }
}
