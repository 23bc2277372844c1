// Which Atlassian product a page on a custom domain is (Confluence or Jira Data Center), from the
// markers both put in every page. The host uses it for the workspace verdict; Atlassian Cloud is
// recognised from the URL alone.
export function pageProduct(doc) {
  const application = doc.querySelector('meta[name="application-name"]')?.getAttribute('content') ?? '';
  if (/^confluence$/i.test(application) || doc.querySelector('meta[name="confluence-base-url"]')) return 'confluence';
  if (/^jira$/i.test(application) || doc.querySelector('meta[name="ajs-jira-base-url"]')) return 'jira';
  return null;
}
