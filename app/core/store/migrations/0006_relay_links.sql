-- Confero store, schema 6: which relay a project streams its webhooks from. The subscriber token
-- lives in the keychain ("relay-token/<project id>"), never here.
CREATE TABLE relay_links (
    project_id BIGINT PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    added_at BIGINT NOT NULL
);
