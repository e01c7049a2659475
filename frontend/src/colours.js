// One colour per PLOVER type (the map's markers, the table's chips and the legend agree).
const PALETTE = {
  ASSAULT: "#d7301f", FIGHT: "#b30000", COERCE: "#7a0177", PROTEST: "#2c7fb8", RIOT: "#fd8d3c",
  THREATEN: "#dd3497", SANCTION: "#6a51a3", MOBILIZE: "#41ab5d", SEIZE: "#8c510a", ACCUSE: "#807dba",
  CONSULT: "#1d91c0", AGREE: "#238b45", SUPPORT: "#78c679", CONCEDE: "#bdbdbd", COOPERATE: "#66c2a4",
  AID: "#4eb3d3", RETREAT: "#969696", REQUEST: "#9ebcda", DEMAND: "#fc9272", RELEASE: "#a1d99b",
};
const OTHER = "#525252";

export function colour(type) {
  return Object.hasOwn(PALETTE, type) ? PALETTE[type] : OTHER;  // a stored type named "constructor" gets OTHER too
}
