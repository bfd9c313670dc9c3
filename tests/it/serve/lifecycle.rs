//! Starting and stopping: Ctrl-C, and the warning when listening beyond this computer.

use super::client::Server;
use super::wait_for;
use crate::harness;
use std::time::{Duration, Instant};

#[test]
fn ctrl_c_stops_cleanly() {
    let site = harness::fixture("serve", "basic");
    let mut server = Server::start(&site, &[]);
    assert_eq!(server.get("/").status, 200);
    let status = std::process::Command::new("kill").args(["-INT", &server.child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let code = loop {
        if let Some(s) = server.child.try_wait().unwrap() {
            break s.code();
        }
        assert!(Instant::now() < deadline, "still running after Ctrl-C");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(code, Some(0));
    wait_for(|| server.stdout().contains("stopped"));
}

#[test]
fn listening_beyond_this_computer_warns_that_drafts_become_visible() {
    const WARNING: &str = "readable by other machines on the network";
    let site = harness::fixture("serve", "basic");
    let local = Server::start(&site, &[]);
    assert_eq!(local.get("/").status, 200);
    let open = Server::start_bound(&site, "0.0.0.0");
    assert_eq!(open.get("/").status, 200);
    wait_for(|| open.stderr().contains(WARNING));
    assert!(open.stderr().contains("--bind 127.0.0.1"), "says how to keep it local: {}", open.stderr());
    assert!(!local.stderr().contains(WARNING), "no warning on loopback: {}", local.stderr());
}
