//! The investigation console from a shell (issue 15 item 3): `meshlab exercise inspect ID --
//! CMD…` and `meshlab sim shell SCENARIO|MANIFESTS…`, with their exit codes and languages.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn meshlab(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_meshlab"))
        .args(args)
        .env("MESHLAB_CONFIG_DIR", "/nonexistent")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("meshlab runs");
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(text.as_bytes())
            .expect("written");
    }
    child.wait_with_output().expect("meshlab ends")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn inspect_runs_one_command_with_the_tools_exit_status() {
    // With or without `--`, each word is kept whole (a quoted selector stays one word).
    for args in [
        &[
            "exercise",
            "inspect",
            "dx-503s-and-an-empty-app-log",
            "--",
            "kubectl",
            "get",
            "pods",
            "-n",
            "shop",
            "-l",
            "app in (payment,fraud)",
        ][..],
        &[
            "exercise",
            "inspect",
            "dx-503s-and-an-empty-app-log",
            "kubectl",
            "get",
            "pods",
            "-n",
            "shop",
            "-l",
            "app in (payment,fraud)",
        ][..],
    ] {
        let o = meshlab(args, None);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let out = stdout(&o);
        assert!(
            out.contains("payment-0") && out.contains("fraud-0"),
            "{out}"
        );
        assert!(!out.contains("checkout-0"), "{out}");
    }
    // The certificate the drill is about.
    let o = meshlab(
        &[
            "exercise",
            "inspect",
            "dx-503s-and-an-empty-app-log",
            "--",
            "istioctl",
            "proxy-config",
            "secret",
            "payment-0",
            "-n",
            "shop",
        ],
        None,
    );
    assert!(
        stdout(&o).contains("Cert Chain     ACTIVE     false"),
        "{}",
        stdout(&o)
    );
    // A tool's own failure: its message on stderr, its exit status.
    let o = meshlab(
        &[
            "exercise",
            "inspect",
            "dx-503s-and-an-empty-app-log",
            "--",
            "kubectl",
            "get",
            "pods",
            "--bogus",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("error: unknown flag: --bogus"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("meshlab supports here: -A/--all-namespaces"),
        "{}",
        stderr(&o)
    );
    // meshlab's own note, in the language asked for: bad input.
    let o = meshlab(
        &[
            "--lang",
            "id",
            "exercise",
            "inspect",
            "dx-503s-and-an-empty-app-log",
            "--",
            "kubeclt",
            "get",
            "pods",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("bukan alat yang disimulasikan meshlab"),
        "{}",
        stderr(&o)
    );
    // Without a command: the command list.
    let o = meshlab(&["exercise", "inspect", "audit-ledger-hubble"], None);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).contains("hubble observe [-n NS]"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn sim_shell_investigates_a_scenario_and_probes_add_traffic() {
    let dir = tempfile::tempdir().expect("temp dir");
    let saved = dir.path().join("t.txt");
    let script = format!(
        "hubble observe --to-pod ledger/ledger -o compact\n\
         probe --from deploy:web/frontend --to svc:ledger/ledger --port 8080 --method DELETE --path /entries\n\
         hubble observe --to-pod ledger/ledger --last 1\n\
         kubectl get pods -n ledger\n\
         kubeclt get pods\n\
         save {}\n\
         exit\n\
         kubectl get pods -A\n",
        saved.display()
    );
    let o = meshlab(&["sim", "shell", "lab-cilium"], Some(&script));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    // The scenario's traffic: frontend reached the ledger (no policy in the lab yet).
    assert!(
        out.contains("web/frontend-0:") && out.contains("-> ledger/ledger-0:8080"),
        "{out}"
    );
    // The probe's trace, then its flow as the last one.
    assert!(
        out.contains("ALLOWED deploy:web/frontend -> svc:ledger/ledger"),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("ledger-0 ") && l.contains("1/1     Running")),
        "{out}"
    );
    assert!(
        stderr(&o).contains("“kubeclt” is not a tool meshlab simulates"),
        "{}",
        stderr(&o)
    );
    // `exit` ends the shell: the line after it never runs.
    assert!(!out.contains("kube-system"), "{out}");
    let transcript = std::fs::read_to_string(&saved).expect("the transcript was saved");
    assert!(
        transcript.starts_with("$ hubble observe --to-pod ledger/ledger -o compact\n"),
        "{transcript}"
    );
    assert!(
        transcript.contains("$ kubectl get pods -n ledger\n"),
        "{transcript}"
    );
}

#[test]
fn sim_shell_reads_your_own_manifests_with_their_warnings() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("app.yaml");
    std::fs::write(
        &file,
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: demo\n  labels: {app: web}\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n",
    )
    .expect("written");
    let o = meshlab(
        &[
            "sim",
            "shell",
            &file.display().to_string(),
            "--mesh",
            "linkerd",
        ],
        Some("kubectl get pods -n demo\nkubectl get pod web -n demo -o jsonpath={.spec}\n"),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("web    2/2     Running"), "{out}");
    assert!(
        stderr(&o).contains("unable to match a printer suitable for the output format"),
        "{}",
        stderr(&o)
    );
    // A path that is neither a scenario nor manifests: bad input, said so.
    let o = meshlab(&["sim", "shell", "no-such-thing"], Some(""));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no-such-thing"), "{}", stderr(&o));
}
