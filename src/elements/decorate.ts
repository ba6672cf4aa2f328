// The script-tag build's helper for the elements' field decorators (`@property()`, `@state()`), in place of the
// transform's general one (vite.config.ts, `ownDecorateHelper`). The general one also applies class decorators and
// defers to `Reflect.decorate` when the page has the reflect-metadata polyfill; ours only ever decorate class
// members, so this is the same steps for that case: each decorator from the last to the first, given the descriptor
// the one before returned, and the last descriptor defined if there is one (Lit returns one only for an accessor).
type MemberDecorator = (target: object, key: PropertyKey, descriptor?: PropertyDescriptor) => PropertyDescriptor | void;

export default function decorate(
  decorators: MemberDecorator[],
  target: object,
  key: PropertyKey,
  descriptor?: PropertyDescriptor | null,
): void {
  // The transform passes `void 0` for a field and `null` for a method or an accessor, whose own descriptor it is.
  let result = descriptor === null ? Object.getOwnPropertyDescriptor(target, key) : descriptor;
  for (let i = decorators.length; i--; ) result = decorators[i]!(target, key, result) || result;
  if (result) Object.defineProperty(target, key, result);
}
