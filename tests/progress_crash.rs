//! Nothing learned is lost: SIGKILL in the middle of saves, and two processes saving at once.
//!
//! The writer processes are this test binary itself, started with `MESHLAB_PROGRESS_CHILD`
//! set so that only `helper_child_writer` does anything (it is a no-op in a normal run). Kill
//! count: `MESHLAB_CRASH_KILLS` (default 120); seed: `MESHLAB_CRASH_SEED`.
//!
//! Long run: `MESHLAB_CRASH_KILLS=2000 cargo test --release --test progress_crash -- --nocapture`

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use meshlab::practice::clock::{Clock, SystemClock};
use meshlab::practice::progress::{Draft, Id, Progress};
use meshlab::practice::progress_file::ProgressFile;
use meshlab::practice::skills::Skill;

const CHILD_ENV: &str = "MESHLAB_PROGRESS_CHILD";

/// In a child: `DIR|TAG|SAVES|ANSWER_BYTES`. Loads once, then records and saves one attempt per
/// loop (drill `TAG-i`), printing `saved i` after each save is complete.
#[test]
fn helper_child_writer() {
    let Ok(spec) = std::env::var(CHILD_ENV) else {
        return;
    };
    let parts: Vec<&str> = spec.split('|').collect();
    let [dir, tag, saves, pad] = parts[..] else {
        panic!("bad {CHILD_ENV}: {spec}")
    };
    let file = ProgressFile::in_dir(Path::new(dir));
    let (mut progress, _) = file.load().expect("load");
    println!("ready");
    for i in 0..saves.parse::<usize>().unwrap() {
        let now = SystemClock.now();
        progress.record(
            Draft {
                drill: Id::new(format!("{tag}-{i}")).unwrap(),
                pack: Id::new("crash").unwrap(),
                skills: vec![Skill::Routing],
                started: now,
                score: 80,
                passed: true,
                hints: vec![],
                answer: "x".repeat(pad.parse().unwrap()),
                variant: None,
            },
            &SystemClock,
        );
        file.save(&mut progress).expect("save");
        println!("saved {i}");
    }
}

fn spawn_child(dir: &Path, tag: &str, saves: usize, pad: usize) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "helper_child_writer",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, format!("{}|{tag}|{saves}|{pad}", dir.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// For each child tag, the attempt numbers the file holds.
fn by_tag(p: &Progress) -> BTreeMap<String, Vec<usize>> {
    let mut map: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for a in p.attempts() {
        let (tag, i) = a.drill.as_str().rsplit_once('-').unwrap();
        map.entry(tag.to_string())
            .or_default()
            .push(i.parse().unwrap());
    }
    for v in map.values_mut() {
        v.sort_unstable();
    }
    map
}

fn temp_files(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| {
            let n = e.as_ref().unwrap().file_name();
            let n = n.to_string_lossy();
            n.starts_with(".progress.toml.") && n.ends_with(".tmp")
        })
        .count()
}

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn sigkill_during_saves_leaves_the_old_or_the_new_file() {
    let kills = env_or("MESHLAB_CRASH_KILLS", 120);
    let mut seed = env_or("MESHLAB_CRASH_SEED", 0x9e37_79b9_7f4a_7c15) | 1;
    let mut random = move || {
        // xorshift64: reproducible kill timings for a given seed.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let dir = tempfile::tempdir().unwrap();
    let file = ProgressFile::in_dir(dir.path());
    let (mut total, mut torn_temp, mut new_version, mut saves_done) = (0usize, 0, 0, 0);
    for k in 0..kills {
        let tag = format!("c{k}");
        let mut child = spawn_child(dir.path(), &tag, 100_000, 1024);
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        // libtest prints `test helper_child_writer ... ` before the body runs, on the same line.
        while !line.contains("ready") {
            line.clear();
            assert!(
                out.read_line(&mut line).unwrap() > 0,
                "child {k} died early"
            );
        }
        std::thread::sleep(Duration::from_micros(random() % 20_000));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let mut rest = String::new();
        out.read_to_string(&mut rest).unwrap();
        let completed = rest.lines().filter(|l| l.contains("saved ")).count();

        torn_temp += usize::from(temp_files(dir.path()) > 0);
        let (p, report) = file.load().unwrap();
        assert_eq!(
            report.kept_aside, None,
            "kill {k}: the file must always load"
        );
        let tags = by_tag(&p);
        let mine = tags.get(&tag).map_or(0, Vec::len);
        // Old version: exactly the saves the child reported; new: one more, in flight.
        assert!(
            mine == completed || mine == completed + 1,
            "kill {k}: {completed} saves reported, file holds {mine}"
        );
        new_version += usize::from(mine == completed + 1);
        saves_done += mine;
        for (t, v) in &tags {
            assert_eq!(*v, (0..v.len()).collect::<Vec<_>>(), "{t}: a gap");
        }
        assert_eq!(
            p.attempts().len(),
            total + mine,
            "kill {k}: an attempt was lost"
        );
        total += mine;
    }
    assert_eq!(
        temp_files(dir.path()),
        0,
        "loading sweeps killed writers' debris"
    );
    eprintln!(
        "crash test: {kills} SIGKILLs survived; {saves_done} saves landed; {torn_temp} kills \
         left a half-written temp file; {new_version} kills hit between rename and the report"
    );
    assert!(
        torn_temp + new_version > 0 || kills < 20,
        "no kill landed inside a save: the test would prove nothing"
    );
}

#[test]
fn two_processes_saving_at_once_lose_no_attempt() {
    let dir = tempfile::tempdir().unwrap();
    let saves = 60;
    let children: Vec<Child> = ["a", "b", "c"]
        .iter()
        .map(|tag| spawn_child(dir.path(), tag, saves, 256))
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let (p, _) = ProgressFile::in_dir(dir.path()).load().unwrap();
    let tags = by_tag(&p);
    assert_eq!(tags.len(), 3);
    for (tag, v) in tags {
        assert_eq!(v, (0..saves).collect::<Vec<_>>(), "{tag} lost attempts");
    }
}
