// A shimmering placeholder for content being loaded (brands, products); still under reduced motion.
import {css} from 'lit';

export const skeletonStyles = css`
  .skeleton {
    background: linear-gradient(90deg, var(--_surface) 25%, var(--_border) 37%, var(--_surface) 63%);
    background-size: 400% 100%;
    animation: cr-shimmer 1.4s ease infinite;
    border-radius: var(--_radius);
  }
  @keyframes cr-shimmer {
    0% {
      background-position: 100% 50%;
    }
    100% {
      background-position: 0 50%;
    }
  }
`;
