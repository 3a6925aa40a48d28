// Progressive enhancement only: every page works without this file.
// The GOV.UK Frontend components (Exit this page, conditional reveals, the character
// count, the error summary's focus) start here.
import { initAll } from "/static/govuk/govuk-frontend.min.js";

initAll();
