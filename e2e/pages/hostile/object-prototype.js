// Prototype pollution: an enumerable property on Object.prototype, seen by every for…in and by
// every property read that falls through to the prototype.
Object.prototype.polluted = 'x';
