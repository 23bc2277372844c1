// Styles for PHI Sentry's own UI, inside its closed shadow root where the page cannot reach.
export const UI_CSS = `
/* Important rules of a shadow root beat the page's, even its !important ones and inline styles. */
:host { all: initial !important; display: block !important; position: fixed !important; top: 0 !important;
  left: 0 !important; width: 0 !important; height: 0 !important; z-index: 2147483647 !important;
  visibility: visible !important; opacity: 1 !important; pointer-events: auto !important; }
* { box-sizing: border-box; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
button { font: inherit; font-size: 14px; border-radius: 4px; padding: 8px 14px; cursor: pointer;
  border: 1px solid #8590a2; background: #fff; color: #172b4d; }
button:focus-visible, textarea:focus-visible { outline: 3px solid #2563eb; outline-offset: 2px; }
button.primary { background: #0c66e4; border-color: #0c66e4; color: #fff; font-weight: 600; }
button.danger { border-color: #ae2e24; color: #ae2e24; }
.backdrop { position: fixed; inset: 0; background: rgba(9, 30, 66, 0.54); display: flex;
  align-items: center; justify-content: center; z-index: 2147483647; }
/* In the top layer (popover): undo the popover defaults so it still covers the whole viewport. */
.backdrop[popover] { width: auto; height: auto; margin: 0; padding: 0; border: 0; color: inherit; overflow: visible; }
.backdrop[popover]::backdrop { background: transparent; }
.dialog { background: #fff; color: #172b4d; width: min(600px, calc(100vw - 32px)); max-height: calc(100vh - 32px);
  overflow: auto; border-radius: 8px; padding: 24px; box-shadow: 0 8px 24px rgba(9, 30, 66, 0.35);
  border-top: 6px solid #c9372c; }
.dialog h2 { margin: 0 0 8px; font-size: 20px; line-height: 1.3; }
.dialog p { margin: 0 0 16px; font-size: 14px; line-height: 1.5; }
.groups { list-style: none; margin: 0 0 16px; padding: 0; border: 1px solid #dcdfe4; border-radius: 6px; }
.groups li { display: flex; justify-content: space-between; padding: 8px 12px; font-size: 14px; }
.groups li + li { border-top: 1px solid #dcdfe4; }
.groups .count { font-weight: 700; min-width: 2em; text-align: right; }
.justify { margin: 0 0 16px; }
.justify label { display: block; font-size: 14px; font-weight: 600; margin-bottom: 6px; }
.justify textarea { width: 100%; min-height: 64px; font: inherit; font-size: 14px; padding: 8px;
  border: 1px solid #8590a2; border-radius: 4px; }
.justify .error { color: #ae2e24; font-size: 13px; margin-top: 4px; }
.note { font-size: 13px; color: #44546f; }
.buttons { display: flex; flex-wrap: wrap; gap: 8px; justify-content: flex-end; }
.card { position: fixed; z-index: 2147483646; background: #fff; color: #172b4d; width: 300px;
  border-radius: 6px; padding: 12px; box-shadow: 0 4px 16px rgba(9, 30, 66, 0.3); font-size: 13px;
  border-left: 5px solid #c9372c; }
.card.medium { border-left-color: #e2a03f; }
.card.low { border-left-color: #8590a2; }
.card .title { font-weight: 700; font-size: 14px; margin-bottom: 2px; }
.card .meta { color: #44546f; margin-bottom: 6px; }
.card .why { margin-bottom: 10px; line-height: 1.4; }
.card .actions { display: flex; gap: 6px; flex-wrap: wrap; }
.card button { padding: 4px 10px; font-size: 13px; }
.banner { position: fixed; left: 16px; bottom: 16px; z-index: 2147483646; max-width: 380px; background: #fff;
  color: #172b4d; border-radius: 6px; padding: 12px 14px; box-shadow: 0 4px 16px rgba(9, 30, 66, 0.3);
  font-size: 14px; line-height: 1.4; border-left: 5px solid #6b7280; }
.banner.warning { border-left-color: #c9372c; left: auto; right: 16px; }
.banner strong { display: block; margin-bottom: 4px; }
.banner .actions { display: flex; gap: 6px; margin-top: 8px; }
.banner button { padding: 4px 10px; font-size: 13px; }
.field-ring { position: fixed; pointer-events: none; border: 2px solid #c9372c; border-radius: 4px; }
.field-ring.medium { border-color: #e2a03f; }
`;

// Colour by confidence, applied to the page's own text through the CSS Custom Highlight API.
export const HIGHLIGHT_CSS = `
::highlight(phisentry-high) { background-color: rgba(201, 55, 44, 0.22); text-decoration: underline wavy #c9372c; }
::highlight(phisentry-medium) { background-color: rgba(226, 160, 63, 0.28); text-decoration: underline wavy #b65c02; }
::highlight(phisentry-low) { text-decoration: underline dotted #8590a2; }
`;
