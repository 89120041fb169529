//! Drills renamed since attempts at them were first recorded: an id that gave the answer away
//! (`retry-seed-18`) now says nothing of it. Attempts recorded under an old id are read under
//! the new one wherever a progress file is loaded, merged or imported, so the schedule, the
//! drill list and `meshlab submit` see one drill; the attempts keep their own ids, so copies of
//! the file written before and after the rename still merge into one.

/// (pack, old drill id, new drill id).
pub const RENAMED: &[(&str, &str, &str)] = &[
    ("part-023", "retry-seed-18", "retry-lesson-tries"),
    ("part-023", "retry-config-36", "retry-config-envoy"),
    ("part-023", "retry-config-48", "retry-config-fields"),
];

/// The current id of drill `drill` of pack `pack`.
pub fn current<'a>(pack: &str, drill: &'a str) -> &'a str {
    RENAMED
        .iter()
        .find(|(p, old, _)| *p == pack && *old == drill)
        .map_or(drill, |(_, _, new)| new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_ids_map_to_new_ones_only_in_their_pack() {
        assert_eq!(current("part-023", "retry-seed-18"), "retry-lesson-tries");
        assert_eq!(current("my-course", "retry-seed-18"), "retry-seed-18");
        assert_eq!(current("part-023", "ep-1"), "ep-1");
        // A new id is never itself renamed again (no chains to follow).
        for (_, _, new) in RENAMED {
            assert!(RENAMED.iter().all(|(_, old, _)| old != new));
        }
    }
}
