import {
  AudioTrack,
  isTrackReference,
  useGridLayout,
  usePagination,
  useSpeakingParticipants,
  useSwipe,
  useTracks,
  useVisualStableUpdate,
  VideoTrack,
  type TrackReferenceOrPlaceholder,
} from '@livekit/components-react';
import { Track } from 'livekit-client';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
  type RefObject,
} from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from '../../i18n/useTranslation';
import type { Person } from '../../livekit/call-session';
import type { QualityWord } from '../connection/connection-state';
import { CameraIcon, ChevronIcon, HandIcon, MicrophoneIcon, PinIcon, SignalBars } from './icons';
import {
  barsFor,
  CALL_GRID_LAYOUTS,
  nextSpeaker,
  planStage,
  type LayoutMode,
  type StageTile,
} from './stage-layout';
import { TileHosts } from './tile-hosts';
import type { CallView } from './useCallSession';
import { useNarrow } from './useNarrow';

/** What every tile reads: who is who, who speaks, whose microphone is on, the line. */
interface StageState {
  people: ReadonlyMap<string, Person>;
  speaking: ReadonlySet<string>;
  microphones: ReadonlySet<string>;
  quality: ReadonlyMap<string, QualityWord>;
  /** Others' pictures (track sids) that stopped moving (connection-state.ts). */
  still: ReadonlySet<string>;
  me: { microphone: boolean; hand: boolean; quality: QualityWord | undefined; mirror: boolean };
  pinned: string | null;
  onPin: (key: string | null) => void;
}

const StageContext = createContext<StageState | null>(null);
const HostsContext = createContext<TileHosts | null>(null);

function useStage(): StageState {
  const stage = useContext(StageContext);
  if (!stage) throw new Error('a tile outside the stage');
  return stage;
}

interface Tile extends StageTile {
  ref: TrackReferenceOrPlaceholder;
}

const tileKey = (ref: TrackReferenceOrPlaceholder) =>
  `${ref.participant.identity}-${ref.source === Track.Source.ScreenShare ? 'screen' : 'camera'}`;

export interface VideoStageProps {
  call: CallView;
  mode: LayoutMode;
  /**
   * A presented document (the PDF presentation) takes the focus, with a strip of people;
   * a shared screen takes the same place when there is no document.
   */
  stageFocus?: ReactNode;
}

/**
 * The call's pictures: a grid that fits the window, or one picture large (pinned, a shared
 * screen or document, or whoever speaks) with a strip of the others; my own picture small.
 * Only a verified person's video is attached to an element: anyone else gets a tile that
 * says honestly why nothing is shown.
 */
export function VideoStage({ call, mode, stageFocus }: VideoStageProps) {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const [pinned, setPinned] = useState<string | null>(null);
  const [speaker, setSpeaker] = useState<string | null>(null);
  const refs = useTracks(
    [
      { source: Track.Source.ScreenShare, withPlaceholder: false },
      { source: Track.Source.Camera, withPlaceholder: true },
    ],
    { onlySubscribed: false },
  );
  const microphoneRefs = useTracks([Track.Source.Microphone], { onlySubscribed: false });
  const speakers = useSpeakingParticipants();

  const tiles = useMemo(() => {
    const list: Tile[] = [];
    for (const ref of refs) {
      const local = ref.participant.isLocal;
      const person = call.people.get(ref.participant.identity);
      if (!local && !person) continue; // sent out, or not known: not shown at all
      // My own shared screen is not shown to me.
      if (local && ref.source === Track.Source.ScreenShare) continue;
      list.push({
        key: tileKey(ref),
        identity: ref.participant.identity,
        source: ref.source === Track.Source.ScreenShare ? 'screen' : 'camera',
        local,
        trusted: local || person?.trust === 'verified',
        ref,
      });
    }
    return list;
  }, [refs, call.people]);

  const eligible = useMemo(
    () =>
      new Set(
        tiles
          .filter((tile) => !tile.local && tile.trusted && tile.source === 'camera')
          .map((tile) => tile.identity),
      ),
    [tiles],
  );
  // Derived from the last render: who speaks now, or who spoke last.
  const next = nextSpeaker(
    speaker,
    speakers.map((participant) => participant.identity),
    eligible,
  );
  if (next !== speaker) setSpeaker(next);

  const plan = planStage({
    tiles,
    mode,
    pinned,
    presentation: stageFocus !== undefined && stageFocus !== null,
    speaker: next,
    selfInCorner: narrow,
  });

  const state = useMemo<StageState>(() => {
    const microphones = new Set<string>();
    for (const ref of microphoneRefs) {
      if (!ref.publication.isMuted) microphones.add(ref.participant.identity);
    }
    return {
      people: call.people,
      speaking: new Set(
        speakers
          .filter((p) => p.isLocal || call.people.get(p.identity)?.trust === 'verified')
          .map((p) => p.identity),
      ),
      microphones,
      quality: call.connection?.people ?? new Map(),
      still: call.connection?.stillPictures ?? new Set(),
      me: {
        microphone: call.microphone,
        hand: call.hand,
        quality: call.connection?.me,
        // The camera turned to the room (a look into the home) is not mirrored.
        mirror: !call.homeViewActive,
      },
      pinned,
      onPin: setPinned,
    };
  }, [
    call.people,
    call.connection,
    call.microphone,
    call.hand,
    call.homeViewActive,
    microphoneRefs,
    speakers,
    pinned,
  ]);

  // Every tile on the stage, rendered once wherever the layout puts it (tile-hosts.ts).
  const [hosts] = useState(
    () =>
      new TileHosts(() => {
        const host = document.createElement('div');
        host.className = 'tile-host';
        return host;
      }),
  );
  const onStage = [
    ...(plan.kind === 'grid' ? plan.tiles : [...(plan.focus ? [plan.focus] : []), ...plan.strip]),
    ...(plan.self ? [plan.self] : []),
  ];
  const large = plan.kind === 'focus' ? plan.focus?.key : undefined;
  const onStageKeys = onStage.map((tile) => tile.key).join('\n');
  useEffect(() => hosts.settle(new Set(onStageKeys.split('\n'))), [hosts, onStageKeys]);
  const parking = useCallback(
    (element: HTMLDivElement | null) => hosts.setParking(element),
    [hosts],
  );

  const noOneElse = !tiles.some((tile) => !tile.local);
  return (
    <StageContext.Provider value={state}>
      <HostsContext.Provider value={hosts}>
        <div className="stage" data-layout={plan.kind}>
          {noOneElse && (
            <p className="stage-waiting" role="status">
              {t('call.waiting')}
            </p>
          )}
          {plan.kind === 'grid' ? (
            plan.tiles.length > 0 && <StageGrid tiles={plan.tiles} />
          ) : (
            <div className="stage-focus-layout">
              <div className="stage-focus" role="group" aria-label={t('screen.stage.focus')}>
                {plan.focus ? (
                  <TileSlot key={plan.focus.key} tileKey={plan.focus.key} />
                ) : (
                  stageFocus
                )}
              </div>
              {plan.strip.length > 0 && <StageStrip tiles={plan.strip} />}
            </div>
          )}
          {plan.self && (
            <div className="self-view">
              <TileSlot key={plan.self.key} tileKey={plan.self.key} />
            </div>
          )}
          <div className="stage-parking" hidden ref={parking} />
        </div>
        {onStage.map((tile) =>
          createPortal(
            <TileView trackRef={tile.ref} large={tile.key === large} />,
            hosts.host(tile.key),
            tile.key,
          ),
        )}
      </HostsContext.Provider>
    </StageContext.Provider>
  );
}

/**
 * A place in a layout for one tile. The tile itself is rendered once by the stage; the slot
 * takes its element in, and lets it go to the next slot when the layout changes.
 */
function TileSlot({ tileKey: key }: { tileKey: string }) {
  const hosts = useContext(HostsContext);
  const slot = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const element = slot.current;
    if (!hosts || !element) return;
    hosts.place(key, element);
    return () => hosts.release(key, element);
  }, [hosts, key]);
  return <div ref={slot} className="tile-slot" />;
}

/**
 * The people beside (or, on a phone, under) what is in focus, in a row that scrolls. In
 * LiveKit's order, with whoever speaks moved into the part in view (`useVisualStableUpdate`,
 * as LiveKit's own strip does).
 *
 * Not LiveKit's `CarouselLayout`: it measures the scroll bar on every render, by adding an
 * element to the page and reading its width twice, which lays out the whole page twice
 * over. The stage renders on every page turn and whenever someone starts or stops
 * speaking, and this was the largest item in the viewer's longest frame as a presentation
 * began (a profile of eight starts). Here the strip's own size, from a ResizeObserver, says how
 * many pictures are in view; the scroll bar is left out of it.
 */
function StageStrip({ tiles }: { tiles: Tile[] }) {
  const { t } = useTranslation();
  const element = useRef<HTMLElement>(null);
  const inView = useTilesInView(element, tiles.length);
  const ordered = useVisualStableUpdate(
    tiles.map((tile) => tile.ref),
    inView,
  );
  return (
    <aside ref={element} className="stage-strip" aria-label={t('screen.stage.strip')}>
      {ordered.map((ref) => (
        <TileSlot key={tileKey(ref)} tileKey={tileKey(ref)} />
      ))}
    </aside>
  );
}

/** The strip's pictures are 16:9 (call-screen.css), a column beside the focus or a row under it. */
function useTilesInView(element: RefObject<HTMLElement | null>, count: number): number {
  const [inView, setInView] = useState(count);
  useEffect(() => {
    const strip = element.current;
    if (!strip) return;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const { width, height } = entry.contentRect;
      const fits =
        height >= width
          ? height / Math.max(width * (9 / 16), 1)
          : width / Math.max(height * (16 / 9), 1);
      setInView(Math.max(1, Math.floor(fits)));
    });
    observer.observe(strip);
    return () => observer.disconnect();
  }, [element]);
  return inView;
}

/** Everyone the same size: LiveKit picks the grid, pages beyond what fits. */
function StageGrid({ tiles }: { tiles: Tile[] }) {
  const { t } = useTranslation();
  const element = useRef<HTMLDivElement>(null);
  const ref = element as RefObject<HTMLDivElement>;
  const { layout } = useGridLayout(ref, tiles.length, { gridLayouts: CALL_GRID_LAYOUTS });
  const pages = usePagination(
    layout.maxTiles,
    tiles.map((tile) => tile.ref),
  );
  useSwipe(ref, { onLeftSwipe: pages.nextPage, onRightSwipe: pages.prevPage });
  return (
    <div className="stage-grid-wrap">
      <div
        ref={element}
        className="stage-grid"
        role="group"
        aria-label={t('screen.stage.grid')}
        data-single={layout.maxTiles === 1}
      >
        {pages.tracks.map((ref) => (
          <TileSlot key={tileKey(ref)} tileKey={tileKey(ref)} />
        ))}
      </div>
      {pages.totalPageCount > 1 && (
        <div className="stage-pages">
          <button
            type="button"
            className="icon-button"
            aria-label={t('screen.stage.previous')}
            disabled={pages.currentPage <= 1}
            onClick={pages.prevPage}
          >
            <ChevronIcon direction="left" />
          </button>
          <span>
            {t('screen.stage.page', { page: pages.currentPage, count: pages.totalPageCount })}
          </span>
          <button
            type="button"
            className="icon-button"
            aria-label={t('screen.stage.next')}
            disabled={pages.currentPage >= pages.totalPageCount}
            onClick={pages.nextPage}
          >
            <ChevronIcon direction="right" />
          </button>
        </div>
      )}
    </div>
  );
}

/**
 * One picture with its name, microphone-off and hand marks, the line's bars, and a button
 * to show it large.
 */
function TileView({
  trackRef: ref,
  large,
}: {
  trackRef: TrackReferenceOrPlaceholder;
  large: boolean;
}) {
  const stage = useStage();
  const { t } = useTranslation();
  const local = ref.participant.isLocal;
  const identity = ref.participant.identity;
  const person = local ? null : stage.people.get(identity);
  if (!local && !person) return null;
  const trust = person?.trust ?? 'verified';
  const screen = ref.source === Track.Source.ScreenShare;
  const who = local ? t('call.you') : (person?.name ?? t('call.other'));
  const label = screen ? `${who} – ${t('call.screenOf')}` : who;
  // Not subscribed: let go of (a withdrawn camera, say), though frames may still arrive.
  const showVideo =
    trust === 'verified' &&
    isTrackReference(ref) &&
    !ref.publication.isMuted &&
    (local || ref.publication.isSubscribed);
  // A picture that stopped moving while the voice goes on: the server paused it for my line,
  // or theirs carries none. Its last frame stays on screen, so say so rather than let a
  // still picture pass for a live one. (A tile the app itself stopped receiving, for sound
  // only, shows no video at all.)
  const paused =
    showVideo &&
    !local &&
    (ref.publication.track?.streamState === Track.StreamState.Paused ||
      stage.still.has(ref.publication.trackSid));
  const speaking = !screen && stage.speaking.has(identity);
  const microphoneOff =
    !screen &&
    trust === 'verified' &&
    !(local ? stage.me.microphone : stage.microphones.has(identity));
  const hand = !screen && (local ? stage.me.hand : (person?.hand ?? false));
  const quality = screen ? undefined : local ? stage.me.quality : stage.quality.get(identity);
  const key = tileKey(ref);
  const pinned = stage.pinned === key;
  const canPin = !local && trust === 'verified';

  return (
    <figure
      className={local ? 'tile tile-local' : 'tile'}
      data-trust={trust}
      data-source={screen ? 'screen' : 'camera'}
      data-speaking={speaking}
      data-large={large}
      data-mirror={local && !screen && stage.me.mirror}
      data-paused={paused}
    >
      {showVideo ? (
        <VideoTrack
          trackRef={ref}
          aria-label={t('call.videoOf', { who: label })}
          muted
          playsInline
        />
      ) : (
        <div className="tile-placeholder">
          <span className="tile-initial" aria-hidden="true">
            {trust === 'verified' ? (who.trim()[0] ?? '?').toUpperCase() : <CameraIcon off />}
          </span>
          <span className="tile-state">
            {trust !== 'verified'
              ? t(`call.trust.${trust}`)
              : screen
                ? null // a screen she just stopped sharing: no "camera off" for the moment it shows
                : t('call.cameraOff')}
          </span>
        </div>
      )}
      {paused && <p className="tile-paused">{t('call.picturePaused')}</p>}
      <figcaption>
        {microphoneOff && (
          <span className="tile-mark" role="img" aria-label={t('screen.stage.micOff')}>
            <MicrophoneIcon off size={16} />
          </span>
        )}
        <span className="tile-name">{label}</span>
        {quality && (
          <span
            className="tile-quality"
            data-quality={quality}
            role="img"
            aria-label={
              local
                ? t('connection.quality.mine', { quality: t(`connection.quality.${quality}`) })
                : t('connection.quality.of', { who, quality: t(`connection.quality.${quality}`) })
            }
          >
            <SignalBars bars={barsFor(quality)} />
          </span>
        )}
      </figcaption>
      {hand && (
        <span className="tile-hand" role="img" aria-label={t('screen.stage.handUp', { who })}>
          <HandIcon size={20} />
        </span>
      )}
      {canPin && (
        <button
          type="button"
          className="tile-pin icon-button"
          aria-pressed={pinned}
          aria-label={t('screen.stage.pin', { who: label })}
          onClick={() => stage.onPin(pinned ? null : key)}
        >
          <PinIcon />
        </button>
      )}
    </figure>
  );
}

/**
 * Plays the microphones and screen audio of verified people only. (LiveKit's own
 * RoomAudioRenderer would play every subscribed track.)
 */
export function VerifiedAudio({ call }: { call: CallView }) {
  const tracks = useTracks(
    [Track.Source.Microphone, Track.Source.ScreenShareAudio, Track.Source.Unknown],
    { onlySubscribed: true },
  ).filter(
    (ref) =>
      !ref.participant.isLocal &&
      ref.publication.kind === Track.Kind.Audio &&
      ref.publication.isSubscribed && // let go of (withdrawn) though still arriving
      call.people.get(ref.participant.identity)?.trust === 'verified',
  );
  return (
    <div style={{ display: 'none' }}>
      {tracks.map((ref) => (
        <AudioTrack
          key={`${ref.participant.identity}-${ref.publication.trackSid}`}
          trackRef={ref}
        />
      ))}
    </div>
  );
}
