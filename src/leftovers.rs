//! What a finished build no longer needs (its model, Markdown and graph), freed off the
//! caller's path: at 10,000 documents that is millions of small frees, a tenth of a second.

/// A build's intermediate values. Dropping it frees them on a thread of its own, so a server
/// answers at once; a process about to exit calls [`Leftovers::forget`] and frees nothing.
#[derive(Default)]
pub struct Leftovers(Option<Box<dyn Send>>);

impl Leftovers {
    pub(crate) fn new<T: Send + 'static>(value: T) -> Leftovers {
        Leftovers(Some(Box::new(value)))
    }

    /// Leaves the values unfreed: the process ends next, and the system takes its memory back
    /// whole. Even on a thread of its own the freeing would take one of two cores from the
    /// build's last steps (writing the cache and the output's swap).
    pub fn forget(mut self) {
        std::mem::forget(self.0.take());
    }
}

impl Drop for Leftovers {
    fn drop(&mut self) {
        if let Some(value) = self.0.take() {
            // Without a thread to be had, the closure and the value are dropped here instead.
            let _ = std::thread::Builder::new().name("drop".into()).spawn(move || drop(value));
        }
    }
}

impl std::fmt::Debug for Leftovers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() { "Leftovers(..)" } else { "Leftovers(none)" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    /// Sends on its channel when it is dropped, so a test can see whether and where it was.
    struct Witness(mpsc::Sender<std::thread::ThreadId>);

    impl Drop for Witness {
        fn drop(&mut self) {
            let _ = self.0.send(std::thread::current().id());
        }
    }

    #[test]
    fn dropped_leftovers_are_freed_on_another_thread_and_forgotten_ones_not_at_all() {
        let (tx, rx) = mpsc::channel();
        drop(Leftovers::new(Witness(tx.clone())));
        let freed_on = rx.recv_timeout(std::time::Duration::from_secs(10)).expect("freed");
        assert_ne!(freed_on, std::thread::current().id());

        Leftovers::new(Witness(tx)).forget();
        assert!(rx.recv_timeout(std::time::Duration::from_millis(200)).is_err(), "forgotten values are not freed");
    }
}
