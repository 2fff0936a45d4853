// Loaded in <head>: marks the page as scripted before it is drawn, so the no-JS fallbacks
// in leacorner.css (e.g. the always-open mobile menu) apply only when scripts are off.
document.documentElement.classList.remove("no-js");
