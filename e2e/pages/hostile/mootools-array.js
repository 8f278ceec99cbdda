// MooTools style: methods added to Array.prototype by assignment, so enumerable (for…in sees them).
Array.prototype.contains = function (item) {
  return this.indexOf(item) !== -1;
};
Array.prototype.erase = function (item) {
  for (let i = this.length; i--; ) if (this[i] === item) this.splice(i, 1);
  return this;
};
