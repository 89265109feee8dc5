// Colours shared by the charts: PLOVER event types (cooperation in greens and blues,
// conflict in oranges, reds and purples, following the quad classes) and edge tones.

export const TYPE_COLOURS = {
  AGREE: "#1b7837", CONSULT: "#5aae61", SUPPORT: "#a6dba0", CONCEDE: "#7fbfbf",
  COOPERATE: "#2166ac", AID: "#4393c3", RETREAT: "#92c5de",
  REQUEST: "#fdb863", ACCUSE: "#e08214", REJECT: "#b35806", THREATEN: "#d6604d", PROTEST: "#f4a582",
  SANCTION: "#8073ac", MOBILIZE: "#542788", COERCE: "#b2182b", ASSAULT: "#67001f",
};
export const TYPE_ORDER = Object.keys(TYPE_COLOURS);
export const OTHER_COLOUR = "#8c8c8c";

export function typeColour(type) {
  return TYPE_COLOURS[type] || OTHER_COLOUR;
}

export const TONE_COLOURS = {cooperation: "#2e8b57", conflict: "#c0392b", mixed: "#d4a017"};
