//! How long each stage of a run took, for `build --timings` and the
//! benchmarks (`benches/scale.sh` reads the ` ms  ` lines). The pipeline
//! records its stages here as it runs them.

use std::time::{Duration, Instant};

/// The time of each stage, in the order they ran.
#[derive(Debug, Default)]
pub struct Timings(pub Vec<(&'static str, Duration)>);

impl Timings {
    /// Runs `stage`, recording its time under `name`.
    pub fn time<T>(&mut self, name: &'static str, stage: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let result = stage();
        self.0.push((name, started.elapsed()));
        result
    }
}
