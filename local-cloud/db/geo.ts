import { invalidParam } from './db-error';
import { isPlainObject } from './ejson-codec';

/**
 * Spherical geometry for the geo operators, as MongoDB's 2dsphere computes it: GeoJSON
 * `[longitude, latitude]` in degrees, distances along the sphere of radius 6,378,100 m (the S2
 * angle between unit vectors, so `$geoNear` distances equal MongoDB's to the last digit).
 */

export type LngLat = readonly [number, number];

export const EARTH_RADIUS_M = 6_378_100;
const RAD = Math.PI / 180;

function unit([lng, lat]: LngLat): [number, number, number] {
  const phi = lat * RAD;
  const theta = lng * RAD;
  const c = Math.cos(phi);
  return [Math.cos(theta) * c, Math.sin(theta) * c, Math.sin(phi)];
}

/** Angle between two points in radians. */
export function angle(a: LngLat, b: LngLat): number {
  const x = unit(a);
  const y = unit(b);
  const cx = x[1] * y[2] - x[2] * y[1];
  const cy = x[2] * y[0] - x[0] * y[2];
  const cz = x[0] * y[1] - x[1] * y[0];
  return Math.atan2(Math.sqrt(cx * cx + cy * cy + cz * cz), x[0] * y[0] + x[1] * y[1] + x[2] * y[2]);
}

export const distanceMeters = (a: LngLat, b: LngLat): number => angle(a, b) * EARTH_RADIUS_M;

function asPosition(v: unknown): LngLat | null {
  if (!Array.isArray(v) || v.length < 2) return null;
  const [lng, lat] = v;
  if (typeof lng !== 'number' || typeof lat !== 'number' || !Number.isFinite(lng) || !Number.isFinite(lat)) return null;
  return [lng, lat];
}

function assertLngLat(p: LngLat): LngLat {
  if (p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90) throw invalidParam(`longitude/latitude out of bounds: ${p[0]}, ${p[1]}`);
  return p;
}

/** Every vertex of a GeoJSON geometry (or a legacy `[lng, lat]` pair); null when it is none. */
export function vertices(geometry: unknown): LngLat[] | null {
  const pos = asPosition(geometry);
  if (pos) return [pos];
  if (!isPlainObject(geometry) || typeof geometry.type !== 'string') return null;
  const out: LngLat[] = [];
  const walk = (c: unknown): boolean => {
    const p = asPosition(c);
    if (p) {
      out.push(p);
      return true;
    }
    return Array.isArray(c) && c.every(walk);
  };
  if (geometry.type === 'GeometryCollection') {
    if (!Array.isArray(geometry.geometries)) return null;
    for (const g of geometry.geometries) {
      const v = vertices(g);
      if (!v) return null;
      out.push(...v);
    }
    return out;
  }
  return walk(geometry.coordinates) && out.length > 0 ? out : null;
}

/** Distance in metres from a point to the nearest vertex of a geometry; null when it is not one. */
export function nearestVertexDistance(geometry: unknown, center: LngLat): number | null {
  const vs = vertices(geometry);
  if (!vs) return null;
  let best = Number.POSITIVE_INFINITY;
  for (const v of vs) best = Math.min(best, distanceMeters(v, center));
  return best;
}

/** `{ $geometry: Point, $maxDistance?, $minDistance? }` (metres) or a legacy `[lng, lat]`. */
export function parseNear(spec: unknown): { center: LngLat; minDistance: number; maxDistance: number } {
  let center: LngLat | null = asPosition(spec);
  let min = 0;
  let max = Number.POSITIVE_INFINITY;
  if (!center && isPlainObject(spec)) {
    const g = spec.$geometry ?? spec;
    center = isPlainObject(g) && g.type === 'Point' ? asPosition(g.coordinates) : asPosition(g);
    if (spec.$maxDistance !== undefined && spec.$maxDistance !== null) max = distanceOption(spec.$maxDistance, 'maxDistance');
    if (spec.$minDistance !== undefined && spec.$minDistance !== null) min = distanceOption(spec.$minDistance, 'minDistance');
  }
  if (!center) throw invalidParam('geoNear needs a GeoJSON Point ({ type: "Point", coordinates: [lng, lat] })');
  return { center: assertLngLat(center), minDistance: min, maxDistance: max };
}

function distanceOption(v: unknown, name: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw invalidParam(`${name} must be a non-negative number of metres`);
  return v;
}

/** Ray casting on longitude/latitude: whether a point is inside a ring (edges as straight lines). */
function inRing(p: LngLat, ring: LngLat[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as LngLat;
    const [xj, yj] = ring[j] as LngLat;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

const rings = (polygon: unknown): LngLat[][] | null => {
  if (!Array.isArray(polygon)) return null;
  const out = polygon.map((r) => (Array.isArray(r) ? r.map(asPosition) : null));
  return out.every((r): r is LngLat[] => r !== null && r.length >= 4 && r.every((p) => p !== null)) ? (out as LngLat[][]) : null;
};

/** Inside the outer ring and outside every hole. */
const inPolygon = (p: LngLat, polygon: LngLat[][]): boolean =>
  inRing(p, polygon[0] as LngLat[]) && polygon.slice(1).every((hole) => !inRing(p, hole));

/**
 * `$geoWithin`'s test: every vertex of the document's geometry lies in the `$geometry` polygon(s),
 * or within `$centerSphere`'s radius (radians). Edges are taken as straight lines in lng/lat, which
 * is MongoDB's answer for the small areas a community app asks about.
 */
export function geoWithin(spec: Record<string, unknown>): (geometry: unknown) => boolean {
  if (spec.$centerSphere !== undefined) {
    const cs = spec.$centerSphere;
    if (!Array.isArray(cs) || cs.length !== 2) throw invalidParam('$centerSphere needs [[lng, lat], radiusInRadians]');
    const c0 = cs[0];
    const center = isPlainObject(c0) && c0.type === 'Point' ? asPosition(c0.coordinates) : asPosition(c0);
    const radius = cs[1];
    if (!center || typeof radius !== 'number' || !Number.isFinite(radius) || radius < 0) {
      throw invalidParam('$centerSphere needs [[lng, lat], radiusInRadians]');
    }
    assertLngLat(center);
    return (g) => {
      const vs = vertices(g);
      return vs?.every((v) => angle(v, center) <= radius) ?? false;
    };
  }
  const geometry = spec.$geometry;
  if (!isPlainObject(geometry)) throw invalidParam('$geoWithin needs $geometry or $centerSphere');
  let polygons: LngLat[][][] | null = null;
  if (geometry.type === 'Polygon') {
    const p = rings(geometry.coordinates);
    polygons = p ? [p] : null;
  } else if (geometry.type === 'MultiPolygon' && Array.isArray(geometry.coordinates)) {
    const ps = geometry.coordinates.map(rings);
    polygons = ps.every((p): p is LngLat[][] => p !== null) ? ps : null;
  }
  if (!polygons) throw invalidParam('$geoWithin $geometry must be a Polygon or MultiPolygon');
  const areas = polygons;
  return (g) => {
    const vs = vertices(g);
    return vs?.every((v) => areas.some((poly) => inPolygon(v, poly))) ?? false;
  };
}
