// Publishing content in tests as staff do: an editor's draft, submitted, published by an approver
// who did not write it (the two-person rule); withdrawing as an approver.
// `api`: tests/server/api_client.mjs; `editor` / `approver`: staff bearer tokens.

// Publishes `fields` as a new item of `kind` (policies, guides, contacts, activities), or over
// `targetId`. Resolves to the live item's id; throws with the server's answer on any refusal.
export async function publishContent(api, { editor, approver }, kind, fields, targetId) {
  const draft = await api.post('/api/v1/staff/drafts', { kind, fields, ...(targetId ? { target_id: targetId } : {}) }, { token: editor });
  if (draft.status !== 201) throw new Error(`draft: ${draft.status} ${JSON.stringify(draft.json)}`);
  const submitted = await api.post(`/api/v1/staff/drafts/${draft.json.id}/submit`, undefined, { token: editor });
  if (submitted.status !== 200) throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.json)}`);
  const published = await api.post(`/api/v1/staff/drafts/${draft.json.id}/publish`, undefined, { token: approver });
  if (published.status !== 200 || published.json.state !== 'published') throw new Error(`publish: ${published.status} ${JSON.stringify(published.json)}`);
  return published.json.target_id;
}

export async function withdrawContent(api, approver, kind, id, reason = '测试撤下') {
  return api.post(`/api/v1/staff/content/${kind}/${id}/withdraw`, { reason }, { token: approver });
}
