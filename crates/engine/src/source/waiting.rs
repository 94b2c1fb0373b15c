//! Folders waiting to be listed. A listed folder's subfolders wait as one
//! record: its names in one buffer and the folder they share (its paths, its
//! `.gitignore` matchers, its open descriptor), so a folder of 1,340
//! subfolders waits in about 30 KiB where a task per subfolder, each with
//! its own paths, took about 400 KiB; and two listing threads walking two
//! such folders at once (two copies of a project side by side) no longer
//! double the walk's memory. A subfolder becomes a `DirTask`, with paths of
//! its own, only when a listing thread takes it.

use super::folder;
use super::IgnoreChain;
use crate::finding::RelPath;
use std::ffi::OsStr;
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex};

/// A folder about to be listed.
pub(super) struct DirTask {
    pub absolute: PathBuf,
    pub relative: RelPath,
    /// Matchers of the folders above, not yet this folder's own.
    pub chain: Option<Arc<IgnoreChain>>,
    pub ignored: bool,
    /// Its parent, still open, where the platform opens folders relative
    /// to it.
    pub parent: Option<folder::Parent>,
}

/// A listed folder, as its waiting subfolders need it.
pub(super) struct Listed {
    pub absolute: PathBuf,
    pub relative: RelPath,
    /// Its own matchers and those above: what its subfolders inherit.
    pub chain: Option<Arc<IgnoreChain>>,
    /// Held open, below the cap on open folders.
    pub kept: Option<folder::Parent>,
}

/// One listed folder's subfolders, in name order.
pub(super) struct Subfolders {
    folder: Arc<Listed>,
    /// The names back to back, as the platform encodes them.
    names: Vec<u8>,
    /// Per subfolder: where its name ends, whether `.gitignore` hides it
    /// and whether the walk descends into it.
    ends: Vec<(u32, bool, bool)>,
    /// The next to be taken.
    next: usize,
}

impl Subfolders {
    pub fn new(folder: Arc<Listed>) -> Subfolders {
        Subfolders {
            folder,
            names: Vec::new(),
            ends: Vec::new(),
            next: 0,
        }
    }

    /// Adds the next subfolder by name order.
    pub fn push(&mut self, name: &OsStr, ignored: bool) {
        self.names.extend_from_slice(name.as_encoded_bytes());
        self.ends.push((self.names.len() as u32, ignored, true));
    }

    /// The walk will not descend into the `index`th subfolder.
    pub fn skip(&mut self, index: usize) {
        self.ends[index].2 = false;
    }

    /// How many the walk descends into.
    pub fn wanted(&self) -> usize {
        self.ends[self.next..].iter().filter(|e| e.2).count()
    }

    /// The next subfolder to list, if any is left.
    fn take(&mut self) -> Option<DirTask> {
        while let Some(&(end, ignored, wanted)) = self.ends.get(self.next) {
            let start = match self.next {
                0 => 0,
                n => self.ends[n - 1].0 as usize,
            };
            self.next += 1;
            if !wanted {
                continue;
            }
            // SAFETY: the bytes are one whole name from `as_encoded_bytes`.
            let name =
                unsafe { OsStr::from_encoded_bytes_unchecked(&self.names[start..end as usize]) };
            let mut relative = RelPath::from_str("");
            super::child_path_into(&mut relative, &self.folder.relative, name);
            while self
                .ends
                .get(self.next)
                .is_some_and(|&(_, _, wanted)| !wanted)
            {
                self.next += 1;
            }
            return Some(DirTask {
                absolute: self.folder.absolute.join(name),
                relative,
                chain: self.folder.chain.clone(),
                ignored,
                parent: self.folder.kept.clone(),
            });
        }
        None
    }

    /// Every subfolder it descends into has been taken.
    fn used_up(&self) -> bool {
        self.next == self.ends.len()
    }
}

/// Folders waiting to be listed, newest first: the walk goes deep before
/// wide, so what waits at once is the folders beside the path being listed
/// rather than a whole level of the tree.
#[derive(Default)]
pub(super) struct DirStack {
    state: Mutex<State>,
    ready: Condvar,
}

#[derive(Default)]
struct State {
    /// The root, before it is taken.
    root: Option<DirTask>,
    waiting: Vec<Subfolders>,
    /// The walk is over.
    closed: bool,
}

impl DirStack {
    pub fn push_root(&self, root: DirTask) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.root = Some(root);
        self.ready.notify_all();
    }

    /// Adds one folder's subfolders, the first by name to be taken first.
    pub fn push(&self, subfolders: Subfolders) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.waiting.push(subfolders);
        self.ready.notify_all();
    }

    /// The next folder to list and whether it is the root, waiting for one;
    /// `None` once closed.
    pub fn pop(&self) -> Option<(DirTask, bool)> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if state.closed {
                return None;
            }
            if let Some(root) = state.root.take() {
                return Some((root, true));
            }
            while let Some(top) = state.waiting.last_mut() {
                let task = top.take();
                // A record goes as soon as its last subfolder is taken, not
                // when the walk comes back to it: that subfolder's own are
                // pushed above it, and along a chain of last subfolders
                // (`a/b/c/…`) every folder would stay open (up to the cap)
                // with its names until the walk came back out.
                let done = if top.used_up() {
                    state.waiting.pop()
                } else {
                    None
                };
                // Dropped outside the lock: it may close a folder.
                drop(state);
                drop(done);
                if let Some(task) = task {
                    return Some((task, false));
                }
                state = self.state.lock().unwrap_or_else(|e| e.into_inner());
                if state.closed {
                    return None;
                }
            }
            state = self.ready.wait(state).unwrap_or_else(|e| e.into_inner());
        }
    }

    /// Ends the walk: waiting listing threads wake up and end.
    pub fn close(&self) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.closed = true;
        let waiting = std::mem::take(&mut state.waiting);
        state.root = None;
        self.ready.notify_all();
        drop(state);
        drop(waiting);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed() -> Arc<Listed> {
        Arc::new(Listed {
            absolute: PathBuf::from("/project/pkg"),
            relative: RelPath::from_str("pkg"),
            chain: None,
            kept: None,
        })
    }

    /// Subfolders come out in name order, those skipped never, and the
    /// record lets go of its folder when its last wanted subfolder is taken
    /// rather than when the walk comes back to it.
    #[test]
    fn a_record_goes_with_its_last_wanted_subfolder() {
        let folder = listed();
        let mut subfolders = Subfolders::new(Arc::clone(&folder));
        for name in ["a", "b", "c", "d"] {
            subfolders.push(OsStr::new(name), name == "b");
        }
        subfolders.skip(2);
        subfolders.skip(3);
        assert_eq!(subfolders.wanted(), 2);
        let stack = DirStack::default();
        stack.push(subfolders);

        let (first, is_root) = stack.pop().expect("a");
        assert!(!is_root);
        assert_eq!(first.relative.display, "pkg/a");
        assert_eq!(first.absolute, PathBuf::from("/project/pkg/a"));
        assert!(!first.ignored);
        assert_eq!(Arc::strong_count(&folder), 2, "b still waits");

        let (second, _) = stack.pop().expect("b");
        assert_eq!(second.relative.display, "pkg/b");
        assert!(second.ignored);
        assert_eq!(Arc::strong_count(&folder), 1, "nothing waits on pkg");

        stack.close();
        assert!(stack.pop().is_none());
    }
}
