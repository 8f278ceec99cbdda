// Prototype.js 1.6 (still shipped by old Magento 1 shops): Array.prototype.toJSON returns a
// string, so JSON.stringify([1, 2]) gives "\"[1, 2]\"" instead of "[1,2]".
Array.prototype.toJSON = function () {
  const results = [];
  for (let i = 0; i < this.length; i++) {
    const value = JSON.stringify(this[i]);
    if (value !== undefined) results.push(value);
  }
  return `[${results.join(', ')}]`;
};
