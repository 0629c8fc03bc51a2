//! Identities that never change: the show's `podcast:guid` (the UUIDv5 of its feed URL, as the
//! Podcasting 2.0 namespace specifies) and each episode's item GUID (the UUIDv5 of the episode's
//! identity under the show's guid), so a rebuilt edition keeps its GUID whatever its audio.

use uuid::Uuid;

/// The namespace the Podcasting 2.0 `podcast:guid` tag's UUIDv5 is made in.
pub const PODCAST_NAMESPACE: Uuid = Uuid::from_u128(0xead4c236_bf58_58c6_a2c6_a6b28d128cb6);

/// The `podcast:guid` of a feed at `feed_url`: its scheme and trailing slashes removed, then
/// UUIDv5 in [`PODCAST_NAMESPACE`].
pub fn show_guid(feed_url: &str) -> Uuid {
    let bare = feed_url
        .split_once("://")
        .map_or(feed_url, |(_, rest)| rest)
        .trim_end_matches('/');
    Uuid::new_v5(&PODCAST_NAMESPACE, bare.as_bytes())
}

/// The item GUID of the episode called `episode_id` in the show whose guid is `show`.
pub fn episode_guid(show: &str, episode_id: &str) -> Uuid {
    let namespace = Uuid::parse_str(show).unwrap_or_else(|_| show_guid(show));
    Uuid::new_v5(&namespace, episode_id.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_show_guid_is_the_one_the_namespace_documents() {
        // The Podcasting 2.0 namespace's own example: podnews.net/rss.
        assert_eq!(
            show_guid("https://podnews.net/rss").to_string(),
            "9b024349-ccf0-5f69-a609-6b82873eab3c"
        );
        assert_eq!(
            show_guid("http://podnews.net/rss/"),
            show_guid("podnews.net/rss")
        );
    }

    #[test]
    fn an_episode_guid_depends_on_the_show_and_the_episode_only() {
        let show = show_guid("https://harbor.example/feed.xml").to_string();
        let a = episode_guid(&show, "2024-02-16");
        assert_eq!(a, episode_guid(&show, "2024-02-16"));
        assert_ne!(a, episode_guid(&show, "2024-02-23"));
        let other = show_guid("https://other.example/feed.xml").to_string();
        assert_ne!(a, episode_guid(&other, "2024-02-16"));
    }
}
