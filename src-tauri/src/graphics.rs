//! Linux: graphics probes the window's own process does not need, skipped before GTK starts.
//!
//! - GDK probes GLX when it opens the display, loading the system's GL driver; the window does
//!   not use GTK's OpenGL. Skipped with `GDK_GL=disable` (≈ 50 ms of a start on Xvfb with Mesa).
//! - WebKitGTK asks EGL which DRM render node the page's process should draw with, before it starts
//!   that process. Where the machine has no render node (`/dev/dri/renderD*`: virtual machines,
//!   remote desktops, the test machine) the only answer EGL can give is none, and asking loads
//!   Mesa's software renderer (llvmpipe: 44 MB of LLVM) into the window's process and costs
//!   ≈ 50 ms before the page's process starts. There WebKit is told the node
//!   (`WEBKIT_WEB_RENDER_DEVICE_FILE=/dev/null`: none to open) and not to hand frames over as
//!   DMA-BUF (`WEBKIT_DISABLE_DMABUF_RENDERER=1`, which asks for the node too): without a GPU the
//!   page is drawn by the CPU either way. With a render node nothing of WebKit's is changed.
//!
//! A variable the user set is kept as they set it.

/// The variables to set: `is_set` says which the user set, `render_node` whether the machine has
/// a DRM render node. Each is set only where the user has not set it.
fn settings(is_set: impl Fn(&str) -> bool, render_node: bool) -> Vec<(&'static str, &'static str)> {
    let mut wanted = vec![("GDK_GL", "disable")];
    if !render_node {
        wanted.push(("WEBKIT_WEB_RENDER_DEVICE_FILE", "/dev/null"));
        wanted.push(("WEBKIT_DISABLE_DMABUF_RENDERER", "1"));
    }
    wanted.into_iter().filter(|(name, _)| !is_set(name)).collect()
}

/// Whether `/dev/dri` holds a render node (`renderD128` …).
fn has_render_node() -> bool {
    std::fs::read_dir("/dev/dri")
        .map(|d| d.flatten().any(|e| e.file_name().to_string_lossy().starts_with("renderD")))
        .unwrap_or(false)
}

/// Sets the variables. Called first in `run()`, before any other thread exists.
pub fn skip_unneeded_probes() {
    for (name, value) in settings(|v| std::env::var_os(v).is_some(), has_render_node()) {
        std::env::set_var(name, value);
    }
}

#[cfg(test)]
mod tests {
    use super::settings;

    #[test]
    fn without_a_render_node_webkit_is_told_there_is_none() {
        let set = settings(|_| false, false);
        assert_eq!(
            set,
            [
                ("GDK_GL", "disable"),
                ("WEBKIT_WEB_RENDER_DEVICE_FILE", "/dev/null"),
                ("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
            ]
        );
    }

    #[test]
    fn with_a_render_node_webkit_keeps_its_own_way() {
        assert_eq!(settings(|_| false, true), [("GDK_GL", "disable")]);
    }

    #[test]
    fn what_the_user_set_is_kept() {
        assert!(settings(|v| v == "GDK_GL", true).is_empty());
        // the e2e harness sets WebKit's DMA-BUF switch itself: the device is still told
        let harness = ["WEBKIT_DISABLE_DMABUF_RENDERER", "WEBKIT_DISABLE_COMPOSITING_MODE"];
        assert_eq!(
            settings(|v| harness.contains(&v), false),
            [("GDK_GL", "disable"), ("WEBKIT_WEB_RENDER_DEVICE_FILE", "/dev/null")]
        );
        assert_eq!(
            settings(|v| v == "WEBKIT_WEB_RENDER_DEVICE_FILE", false),
            [("GDK_GL", "disable"), ("WEBKIT_DISABLE_DMABUF_RENDERER", "1")]
        );
    }
}
